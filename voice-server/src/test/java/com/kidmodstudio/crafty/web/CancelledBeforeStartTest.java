package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.speech.NoLeftovers;
import com.kidmodstudio.crafty.testing.Finals;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A request cancelled before its turn's thread has run — superseded by a newer request, or
 * stopped right after it was sent — still ends with its one {@code cancelled}, on every route.
 * Before, such a turn was skipped silently and the client waited for ever.
 */
@ExtendWith(NoLeftovers.class)
class CancelledBeforeStartTest {
    private static final byte[] SPEECH = Speech.pcm16k(Speech.FRONT_CENTER);
    private static FakeOllama ollama;
    private static TestCrafty.Running server;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("crafty-cancel-test");
        ollama = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(25)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "espeak", "stt.engine", "pocketsphinx",
                                         "crafty.language", "en", "speech.tmpdir", tmp.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ollama.close();
        Files.deleteIfExists(tmp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/chat", "/voice/tts", "/voice/stt", "/voice/chat"})
    void six_requests_sent_at_once_each_end_exactly_once(String route) throws Exception {
        try (WsClient client = connect(route)) {
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 1; i <= 6; i++) {
                ids.add("r" + i);
                request(client, route, "r" + i, i);
            }
            Map<String, JsonNode> finals = Finals.await(client, route, ids);
            List<String> superseded = new ArrayList<>();
            finals.forEach((id, last) -> {
                if ("cancelled".equals(last.path("type").asText()) && "superseded".equals(last.path("reason").asText())) {
                    superseded.add(id);
                }
            });
            assertThat("the newest request ran to its end: " + finals.get("r6"),
                       Finals.isFinal(route, finals.get("r6")) && !finals.get("r6").has("code")
                               && !"cancelled".equals(finals.get("r6").path("type").asText()), is(true));
            assertThat(superseded, is(List.of("r1", "r2", "r3", "r4", "r5")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/chat", "/voice/tts", "/voice/stt", "/voice/chat"})
    void a_stop_sent_right_after_a_request_cancels_it_every_time(String route) throws Exception {
        try (WsClient client = connect(route)) {
            for (int i = 1; i <= 20; i++) {
                String id = "r" + i;
                request(client, route, id, i);
                client.send("{\"action\":\"stop\",\"requestId\":\"s" + i + "\"}");
                JsonNode cancelled = null;
                JsonNode stopped = null;
                while (cancelled == null || stopped == null) {
                    JsonNode message = client.next().json();
                    if (message == null) {
                        continue;
                    }
                    if (Finals.isFinal(route, message)) {
                        assertThat("try " + i + " ends with cancelled: " + message, message.path("type").asText(),
                                   is("cancelled"));
                        cancelled = message;
                    } else if ("stopped".equals(message.path("type").asText())) {
                        stopped = message;
                    }
                }
                assertThat(cancelled.path("requestId").asText(), is(id));
                assertThat(cancelled.path("reason").asText(), is("stop"));
                assertThat(stopped.path("cancelled").asText(), is(id));
            }
        }
    }

    private static WsClient connect(String route) throws InterruptedException {
        WsClient client = WsClient.connect(TestServer.ws(server.port(), route));
        if ("/chat".equals(route) || "/voice/chat".equals(route)) {
            client.nextJson();
        }
        return client;
    }

    private static void request(WsClient client, String route, String id, int n) {
        switch (route) {
            case "/chat" -> client.send("{\"action\":\"chat\",\"payload\":\"Question " + n + "\",\"requestId\":\"" + id + "\"}");
            case "/voice/tts" -> client.send("{\"text\":\"Hello number " + n + ". How are you?\",\"requestId\":\"" + id + "\"}");
            case "/voice/stt" -> client.sendBinary(SPEECH).send("{\"action\":\"transcribe\",\"requestId\":\"" + id + "\"}");
            default -> client.send("{\"action\":\"speak\",\"text\":\"Question " + n + "\",\"requestId\":\"" + id + "\"}");
        }
    }
}
