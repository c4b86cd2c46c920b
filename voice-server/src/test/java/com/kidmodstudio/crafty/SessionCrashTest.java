package com.kidmodstudio.crafty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeScript;
import com.kidmodstudio.crafty.testing.SidecarProcess;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The sidecar as a real process killed with SIGKILL in the middle of a streamed reply: after a
 * restart on the same file the question is there, and the reply up to its last save, marked
 * partial. Only the unsaved tail is lost.
 */
class SessionCrashTest {
    private static final Duration TOKEN_EVERY = Duration.ofMillis(40);
    private static final Duration SAVE_EVERY = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void kill_9_mid_reply_keeps_the_question_and_the_reply_up_to_its_last_save() throws Exception {
        Path db = dir.resolve("crafty.db");
        try (FakeOllama ollama = FakeOllama.builder().tokenCount(200).tokenDelay(TOKEN_EVERY).start()) {
            String sessionId;
            StringBuilder received = new StringBuilder();
            try (SidecarProcess sidecar = SidecarProcess.builder().env(Map.of("OLLAMA_URL", ollama.url(),
                    "STORE_PATH", db.toString(), "STORE_PARTIAL", SAVE_EVERY.toMillis() + "ms")).start()) {
                sidecar.awaitListening(Duration.ofSeconds(20));
                try (WsClient client = WsClient.connect(TestServer.ws(sidecar.port(), "/chat"))) {
                    sessionId = client.nextJson().path("sessionId").asText();
                    client.send("{\"action\":\"chat\",\"payload\":\"Erzähl mir eine lange Geschichte\"}");
                    while (received.length() < 150) {
                        JsonNode delta = client.nextJson();
                        assertThat(delta.path("streaming").asBoolean(), is(true));
                        received.append(delta.path("content").asText());
                    }
                    assertThat("killed by SIGKILL", sidecar.kill9(), is(137));
                    // deltas already on their way when the process died
                    WsClient.Frame late;
                    while ((late = client.poll(Duration.ofMillis(300))) != null) {
                        if (late.json() != null && late.json().path("streaming").asBoolean()) {
                            received.append(late.json().path("content").asText());
                        }
                    }
                }
            }

            try (TestCrafty.Running restarted = TestCrafty.start(Map.of("ollama.url", ollama.url(), "store.path", db.toString()));
                 WsClient client = WsClient.connect(TestServer.ws(restarted.port(), "/chat"))) {
                client.nextJson();
                client.send("{\"action\":\"session:switch\",\"sessionId\":\"" + sessionId + "\"}");
                JsonNode messages = client.await("session:switched").path("messages");
                assertThat(messages.size(), is(2));
                assertThat(messages.get(0).path("content").asText(), is("Erzähl mir eine lange Geschichte"));
                JsonNode reply = messages.get(1);
                assertThat(reply.path("partial").asBoolean(), is(true));
                String saved = reply.path("content").asText();
                assertThat(saved.length(), greaterThan(0));
                assertThat("what was saved is what the child saw", received.toString(), startsWith(saved));
                // the model wrote a token every 40 ms and the reply was saved every 200 ms: at most
                // the tokens of one save interval (plus the one in flight) are lost
                int lostChars = received.length() - saved.length();
                assertThat("lost " + lostChars + " characters of " + received.length(), lostChars,
                           lessThanOrEqualTo(maxTokenLength() * (int) (SAVE_EVERY.toMillis() / TOKEN_EVERY.toMillis() + 2)));
            }
        }
    }

    private static int maxTokenLength() {
        return FakeScript.GERMAN_REPLY.stream().mapToInt(String::length).max().orElseThrow();
    }
}
