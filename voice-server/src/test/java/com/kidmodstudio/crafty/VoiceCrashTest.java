package com.kidmodstudio.crafty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.fakes.FakeWhisperServer;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process sidecar(int port, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static void awaitReady(int port) throws Exception {
        URI status = TestServer.http(port, "/status");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HTTP.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the sidecar did not start listening on " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS), is(true));
        assertThat("killed by SIGKILL", process.exitValue(), is(137));
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
            int port = freePort();
            Process first = sidecar(port, env);
            try {
                awaitReady(port);
                try (WsClient client = WsClient.connect(TestServer.ws(port, "/voice/chat"))) {
                    sessionId = client.nextJson().path("sessionId").asText();
                    client.send("{\"action\":\"speak\",\"text\":\"Wie baue ich ein Haus?\",\"requestId\":\"v1\"}");
                    awaitStatus(client, "sentence"); // the slow voice has its first sentence
                    kill(first);
                }
            } finally {
                first.destroyForcibly();
            }

            Process second = sidecar(port, env);
            try {
                awaitReady(port);
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
            } finally {
                second.destroyForcibly();
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
