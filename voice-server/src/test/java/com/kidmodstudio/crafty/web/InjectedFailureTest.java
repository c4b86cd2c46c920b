package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.speech.NoLeftovers;
import com.kidmodstudio.crafty.testing.Faults;
import com.kidmodstudio.crafty.testing.Finals;
import com.kidmodstudio.crafty.testing.LiveThreads;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Whatever fails in whichever stage of whichever route — a bug (a runtime exception), an
 * {@link Error}, or an engine reporting its failure — the request ends with exactly one final
 * message, the socket stays open and answers the next request, and no engine process or turn
 * thread is left running. Real engines underneath (a fake Ollama, espeak-ng, pocketsphinx),
 * with {@link Faults} between them and the routes.
 */
@ExtendWith(NoLeftovers.class)
class InjectedFailureTest {
    private static final byte[] SPEECH = Speech.pcm16k(Speech.FRONT_CENTER);
    private static final Faults FAULTS = new Faults();
    private static FakeOllama ollama;
    private static TestCrafty.Running server;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("crafty-fault-test");
        ollama = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(10)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "espeak", "stt.engine", "pocketsphinx",
                                         "crafty.language", "en", "speech.tmpdir", tmp.toString(), "store.retention", "0s"),
                                  FAULTS::inject);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ollama.close();
        Files.deleteIfExists(tmp);
    }

    @AfterEach
    void no_turn_thread_is_left() throws Exception {
        assertThat(LiveThreads.awaitNone(Duration.ofSeconds(3), "-turn\"", "tts-sentences", "stt-partial"), is(empty()));
    }

    @ParameterizedTest(name = "{0} {1} {2} ends with {3} {4}")
    @CsvSource({
        "/chat,       MODEL, RUNTIME, error, internal",
        "/chat,       MODEL, ERROR,   error, internal",
        "/chat,       MODEL, ENGINE,  error, llm_error",
        "/chat,       STORE, RUNTIME, error, internal",
        "/voice/tts,  TTS,   RUNTIME, error, internal",
        "/voice/tts,  TTS,   ERROR,   error, internal",
        "/voice/tts,  TTS,   ENGINE,  error, tts_failed",
        "/voice/stt,  STT,   RUNTIME, error, internal",
        "/voice/stt,  STT,   ERROR,   error, internal",
        "/voice/stt,  STT,   ENGINE,  error, stt_failed",
        "/voice/chat, STT,   RUNTIME, error, internal",
        "/voice/chat, STT,   ENGINE,  error, stt_failed",
        "/voice/chat, MODEL, RUNTIME, error, internal",
        "/voice/chat, MODEL, ENGINE,  error, llm_error",
        "/voice/chat, STORE, RUNTIME, error, internal",
        "/voice/chat, TTS,   RUNTIME, done,  internal",
        "/voice/chat, TTS,   ENGINE,  done,  tts_failed"
    })
    void a_failure_in_any_stage_ends_the_request_once_and_the_socket_answers_the_next(
            String route, Faults.Stage stage, Faults.Kind kind, String type, String code) throws Exception {
        try (WsClient client = connect(route)) {
            FAULTS.arm(stage, kind);
            List<WsClient.Frame> frames = request(client, route, "failing", stage == Faults.Stage.STT);
            JsonNode last = Finals.await(client, route, Set.of("failing"), frames).get("failing");
            assertThat("the fault struck", FAULTS.awaitFired(stage), is(true));
            assertThat(last.toString(), last.path("type").asText(), is(type));
            assertThat(last.toString(), "done".equals(type) ? last.path("ttsError").asText() : last.path("code").asText(),
                       is(code));
            assertThat("one error at most", Finals.count(frames, "error"), is("error".equals(type) ? 1L : 0L));
            if ("error".equals(type)) {
                assertThat(last.path("content").asText().isBlank(), is(false));
            }

            List<WsClient.Frame> next = request(client, route, "next", stage == Faults.Stage.STT);
            JsonNode answer = Finals.await(client, route, Set.of("next"), next).get("next");
            assertThat("the socket answers the next request: " + answer, Arrays.asList("error", "cancelled")
                    .contains(answer.path("type").asText()), is(false));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/voice/stt", "/voice/chat"})
    void a_failed_partial_transcript_is_followed_by_the_next_and_the_utterance_stays_usable(String route) throws Exception {
        try (WsClient client = connect(route)) {
            FAULTS.arm(Faults.Stage.PARTIAL, Faults.Kind.ERROR);
            List<WsClient.Frame> frames = new ArrayList<>();
            client.send("{\"action\":\"audio_start\",\"sampleRate\":16000,\"requestId\":\"u\"}");
            for (int at = 0; at < SPEECH.length; at += 3200) {
                client.sendBinary(Arrays.copyOfRange(SPEECH, at, Math.min(SPEECH.length, at + 3200)));
                frames.addAll(client.until(m -> "ack".equals(m.path("type").asText())));
            }
            assertThat("a partial transcription was attempted", FAULTS.awaitFired(Faults.Stage.PARTIAL), is(true));
            if (Finals.count(frames, "transcript.partial") == 0) {
                Finals.until(client, "transcript.partial", frames);
            }
            client.send("{\"action\":\"" + ("/voice/stt".equals(route) ? "transcribe" : "process_audio")
                                + "\",\"requestId\":\"whole\"}");
            JsonNode last = Finals.await(client, route, Set.of("whole"), frames).get("whole");
            assertThat(last.toString(), last.path("type").asText(), is("/voice/stt".equals(route) ? "transcript" : "done"));
            assertThat(Finals.count(frames, "error"), is(0L));
        }
    }

    private static WsClient connect(String route) throws InterruptedException {
        WsClient client = WsClient.connect(TestServer.ws(server.port(), route));
        if ("/chat".equals(route) || "/voice/chat".equals(route)) {
            client.nextJson();
        }
        return client;
    }

    private static List<WsClient.Frame> request(WsClient client, String route, String id, boolean spoken) {
        switch (route) {
            case "/chat" -> client.send("{\"action\":\"chat\",\"payload\":\"Tell me about dragons.\",\"requestId\":\"" + id + "\"}");
            case "/voice/tts" -> client.send("{\"text\":\"Hello there. Dragons can fly.\",\"requestId\":\"" + id + "\"}");
            case "/voice/stt" -> client.sendBinary(SPEECH).send("{\"action\":\"transcribe\",\"requestId\":\"" + id + "\"}");
            default -> {
                if (spoken) {
                    client.sendBinary(SPEECH).send("{\"action\":\"process_audio\",\"requestId\":\"" + id + "\"}");
                } else {
                    client.send("{\"action\":\"speak\",\"text\":\"Tell me about dragons.\",\"requestId\":\"" + id + "\"}");
                }
            }
        }
        return new ArrayList<>();
    }
}
