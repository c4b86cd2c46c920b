package com.kidmodstudio.crafty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.fakes.FakeWhisperServer;
import com.kidmodstudio.crafty.testing.SidecarProcess;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A native crash cannot be caught in Java: it ends the sidecar, and the studio app starts it
 * again. Here the sidecar, a real process, is killed with SIGKILL in the middle of a slow
 * synthesis and then, started again, in the middle of a slow recognition. The child loses only
 * those turns: the question asked before the voice spoke is saved, the spoken question that was
 * still being recognised never reached the conversation, and the conversation goes on.
 */
class VoiceCrashTest {
    @TempDir
    Path dir;

    private static void kill(SidecarProcess sidecar) throws InterruptedException {
        assertThat("killed by SIGKILL", sidecar.kill9(), is(137));
    }

    private static JsonNode awaitStatus(WsClient client, String status) throws InterruptedException {
        while (true) {
            JsonNode message = client.nextJson();
            if (status.equals(message.path("status").asText()) || status.equals(message.path("type").asText())) {
                return message;
            }
            assertThat("no final message before the kill: " + message, message.path("type").asText().equals("error")
                    || message.path("type").asText().equals("done"), is(false));
        }
    }

    @Test
    void kill_9_during_synthesis_and_during_recognition_costs_only_those_turns() throws Exception {
        Path db = dir.resolve("crafty.db");
        FakePiper.Installation piper = FakePiper.builder().loadMillis(0).msPerChar(2_000).install(dir.resolve("piper"));
        try (FakeOllama ollama = FakeOllama.builder().start();
             FakeWhisperServer whisper = FakeWhisperServer.builder().loadMillis(0).msPerAudioSecond(60_000)
                     .transcript("de", "Was ist Redstone?").start()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "OLLAMA_URL", ollama.url(), "STORE_PATH", db.toString(), "CRAFTY_LANGUAGE", "de",
                    "PIPER_BIN", piper.bin().toString(), "PIPER_VOICE", piper.voice().toString(),
                    "WHISPER_URL", whisper.url().toString(), "MODELS_DIR", dir.resolve("models").toString(),
                    "LOG_DIR", "off"));
            String sessionId;
            int port = SidecarProcess.freePort();
            try (SidecarProcess first = SidecarProcess.builder().port(port).env(env).start()) {
                first.awaitListening(Duration.ofSeconds(30));
                try (WsClient client = WsClient.connect(TestServer.ws(port, "/voice/chat"))) {
                    sessionId = client.nextJson().path("sessionId").asText();
                    client.send("{\"action\":\"speak\",\"text\":\"Wie baue ich ein Haus?\",\"requestId\":\"v1\"}");
                    awaitStatus(client, "sentence"); // the slow voice has its first sentence
                    kill(first);
                }
            }

            try (SidecarProcess second = SidecarProcess.builder().port(port).env(env).start()) {
                second.awaitListening(Duration.ofSeconds(30));
                try (WsClient client = WsClient.connect(TestServer.ws(port, "/voice/chat?sessionId=" + sessionId))) {
                    JsonNode session = client.nextJson();
                    assertThat(session.path("resumed").asBoolean(), is(true));
                    client.send("{\"action\":\"audio_start\",\"sampleRate\":16000,\"encoding\":\"pcm_s16le\","
                                + "\"channels\":1,\"requestId\":\"v2\"}");
                    client.sendBinary(Speech.pcm16k(Speech.FRONT_CENTER));
                    client.send("{\"action\":\"process_audio\",\"requestId\":\"v2\"}");
                    awaitStatus(client, "transcribing"); // the slow recogniser has the utterance
                    kill(second);
                }
            }

            Map<String, String> restart = Map.of("ollama.url", ollama.url(), "store.path", db.toString(),
                                                 "tts.engine", "none", "stt.engine", "none");
            try (TestCrafty.Running restarted = TestCrafty.start(restart);
                 WsClient client = WsClient.connect(TestServer.ws(restarted.port(), "/chat"))) {
                client.nextJson();
                client.send("{\"action\":\"session:switch\",\"sessionId\":\"" + sessionId + "\"}");
                JsonNode messages = client.await("session:switched").path("messages");
                assertThat("the typed question is saved", messages.get(0).path("content").asText(),
                           is("Wie baue ich ein Haus?"));
                assertThat(messages.get(0).path("role").asText(), is("user"));
                for (JsonNode message : messages) {
                    assertThat("the question still being recognised never reached the conversation",
                               message.path("content").asText().contains("Redstone"), is(false));
                }
                client.send("{\"action\":\"chat\",\"payload\":\"Und ein Dach?\",\"sessionId\":\"" + sessionId + "\"}");
                JsonNode done = client.until(m -> m.path("done").asBoolean()).getLast().json();
                assertThat("the conversation goes on", done.path("sessionId").asText(), is(sessionId));
            }
        }
    }
}
