package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.speech.NoLeftovers;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * {@code /voice/tts} with the real espeak-ng: text in, streamed PCM out.
 */
@ExtendWith(NoLeftovers.class)
class VoiceTtsRouteTest {
    private static TestCrafty.Running server;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("crafty-tts-test");
        server = TestCrafty.start(Map.of("tts.engine", "espeak", "stt.engine", "none", "speech.tmpdir", tmp.toString(),
                                         "ollama.url", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(tmp);
    }

    private static JsonNode awaitQuietly(WsClient client) {
        try {
            return client.await("stopped");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static WsClient connect() {
        return WsClient.connect(TestServer.ws(server.port(), "/voice/tts"));
    }

    @Test
    void german_text_becomes_announced_pcm_frames_of_plausible_length() throws Exception {
        try (WsClient client = connect()) {
            NoLeftovers.watch(tmp);
            client.send("{\"text\":\"Hallo, ich bin Crafty. Heute bauen wir ein Baumhaus aus Eichenholz!\",\"requestId\":\"t1\"}");
            List<WsClient.Frame> frames = client.until(m -> "done".equals(m.path("type").asText()));
            JsonNode start = frames.getFirst().json();
            assertThat(start.path("type").asText(), is("audio_start"));
            assertThat(start.path("sampleRate").asInt(), is(22050));
            assertThat(start.path("channels").asInt(), is(1));
            assertThat(start.path("encoding").asText(), is("pcm_s16le"));
            assertThat(start.path("requestId").asText(), is("t1"));
            List<WsClient.Frame> audio = frames.stream().filter(f -> f.json() == null).toList();
            long bytes = audio.stream().mapToLong(f -> f.bytes().length).sum();
            int frameBytes = 22050 * 2 * 160 / 1000;
            for (int i = 0; i < audio.size() - 1; i++) {
                assertThat("frame " + i + " is 160 ms", audio.get(i).bytes().length, is(frameBytes));
            }
            assertThat(audio.getLast().bytes().length, lessThanOrEqualTo(frameBytes));
            double seconds = bytes / (22050.0 * 2);
            assertThat("two short sentences last over a second", seconds, greaterThan(1.5));
            assertThat(seconds, lessThan(12.0));
            JsonNode end = frames.get(frames.size() - 2).json();
            assertThat(end.path("type").asText(), is("audio_end"));
            assertThat(end.path("frames").asInt(), is(audio.size()));
            assertThat(end.path("bytes").asLong(), is(bytes));
            JsonNode done = frames.getLast().json();
            assertThat(done.path("done").asBoolean(), is(true));
            assertThat(done.path("requestId").asText(), is("t1"));
        }
    }

    @Test
    void empty_text_is_a_typed_error_and_the_socket_stays_usable() throws Exception {
        try (WsClient client = connect()) {
            client.send("{\"text\":\"  \",\"requestId\":\"e\"}");
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("bad_payload"));
            assertThat(error.path("requestId").asText(), is("e"));
            client.sendBinary(new byte[] {0, 0});
            assertThat(client.await("error").path("code").asText(), is("unexpected_binary"));
            client.send("{\"text\":\"Ja.\"}");
            assertThat(client.await("done").path("done").asBoolean(), is(true));
        }
    }

    @Test
    void stop_cuts_a_long_text_short() throws Exception {
        String story = "Ein Creeper schleicht leise durch den dunklen Wald und sucht nach Steve. ".repeat(40);
        long fullBytes;
        try (WsClient client = connect()) {
            client.send("{\"text\":\"" + story + "\",\"requestId\":\"full\"}");
            fullBytes = client.until(m -> "done".equals(m.path("type").asText())).stream()
                    .filter(f -> f.json() == null).mapToLong(f -> f.bytes().length).sum();
        }
        try (WsClient client = connect()) {
            client.send("{\"text\":\"" + story + "\",\"requestId\":\"long\"}");
            client.await("audio_start");
            client.send("{\"action\":\"stop\",\"requestId\":\"s\"}");
            List<WsClient.Frame> rest = client.until(m -> "cancelled".equals(m.path("type").asText()));
            long sent = rest.stream().filter(f -> f.json() == null).mapToLong(f -> f.bytes().length).sum();
            assertThat("stopped before the end", sent, lessThan(fullBytes));
            assertThat(rest.getLast().json().path("requestId").asText(), is("long"));
            assertThat(rest.stream().noneMatch(f -> "done".equals(f.type())), is(true));
            JsonNode stopped = rest.stream().filter(f -> "stopped".equals(f.type())).findFirst()
                    .map(WsClient.Frame::json).orElseGet(() -> awaitQuietly(client));
            assertThat(stopped.path("cancelled").asText(), is("long"));
            assertThat("nothing follows the cancelled stream", client.poll(java.time.Duration.ofMillis(300)),
                       is((WsClient.Frame) null));
        }
    }
}
