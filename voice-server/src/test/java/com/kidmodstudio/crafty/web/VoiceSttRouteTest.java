package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.speech.NoLeftovers;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * {@code /voice/stt} with the real pocketsphinx on a real human voice.
 */
@ExtendWith(NoLeftovers.class)
class VoiceSttRouteTest {
    private static TestCrafty.Running server;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("crafty-stt-test");
        server = TestCrafty.start(Map.of("stt.engine", "pocketsphinx", "tts.engine", "none", "crafty.language", "en",
                                         "speech.tmpdir", tmp.toString(), "limits.audio", "5s",
                                         "ollama.url", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(tmp);
    }

    private static WsClient connect() {
        return WsClient.connect(TestServer.ws(server.port(), "/voice/stt"));
    }

    @Test
    void a_whole_wav_file_is_acknowledged_and_transcribed() throws Exception {
        NoLeftovers.watch(tmp);
        byte[] wav = Speech.wavFile(Speech.FRONT_CENTER);
        try (WsClient client = connect()) {
            client.sendBinary(wav);
            JsonNode ack = client.await("ack");
            assertThat(ack.path("received").asInt(), is(wav.length));
            client.send("{\"action\":\"transcribe\",\"requestId\":\"s1\"}");
            JsonNode transcript = client.await("transcript");
            assertThat(transcript.path("text").asText().toLowerCase(), containsString("center"));
            assertThat(transcript.path("done").asBoolean(), is(true));
            assertThat(transcript.path("requestId").asText(), is("s1"));
        }
    }

    @Test
    void silence_is_nothing_heard_without_asking_the_recogniser() throws Exception {
        try (WsClient client = connect()) {
            client.send("{\"action\":\"audio_start\",\"sampleRate\":16000,\"channels\":1}");
            client.sendBinary(new byte[32_000]);
            client.await("ack");
            client.send("{\"action\":\"transcribe\",\"requestId\":\"quiet\"}");
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("stt_failed"));
            assertThat(error.path("error").asText(), containsString("nothing heard"));
        }
    }

    @Test
    void streamed_frames_get_a_partial_transcript_within_a_second_of_speech() throws Exception {
        byte[] pcm = Speech.pcm16k(Speech.FRONT_CENTER);
        int frame = PcmFormat.MONO_16K.bytesFor(100);
        try (WsClient client = connect()) {
            client.send("{\"action\":\"audio_start\",\"sampleRate\":16000,\"encoding\":\"pcm_s16le\",\"channels\":1,"
                                + "\"requestId\":\"mic\"}");
            long speechStarted = 0;
            long firstPartial = 0;
            long started = System.nanoTime();
            // the words, then silence for as long as the partial takes on a loaded machine (at most 10 s)
            byte[] silence = new byte[frame];
            for (int at = 0; at < pcm.length || (firstPartial == 0 && at < pcm.length + 100 * frame); at += frame) {
                byte[] chunk = at < pcm.length ? Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + frame)) : silence;
                if (speechStarted == 0 && loud(chunk)) {
                    speechStarted = System.nanoTime();
                }
                client.sendBinary(chunk);
                // pace the microphone in real time: frame i goes out 100 ms after frame i - 1
                long due = started + (at / frame + 1) * 100_000_000L;
                WsClient.Frame arrived;
                while ((arrived = client.poll(java.time.Duration.ofNanos(Math.max(0, due - System.nanoTime())))) != null) {
                    if (firstPartial == 0 && "transcript.partial".equals(arrived.type())) {
                        firstPartial = arrived.arrived();
                        assertThat(arrived.json().path("requestId").asText(), is("mic"));
                    }
                }
            }
            client.send("{\"action\":\"transcribe\"}");
            JsonNode transcript = null;
            while (transcript == null) {
                WsClient.Frame arrived = client.next();
                if (firstPartial == 0 && "transcript.partial".equals(arrived.type())) {
                    firstPartial = arrived.arrived();
                }
                if ("transcript".equals(arrived.type())) {
                    transcript = arrived.json();
                }
            }
            assertThat("a partial transcript arrived", firstPartial > 0, is(true));
            // 1 s on a machine where pocketsphinx takes its usual few hundred ms; where it is slower
            // (a loaded CI machine), the server may add no more than the 300 ms of speech it waits
            // for, one 100 ms frame and 200 ms of slack to the recogniser's own time
            long bound = Math.max(1000L, 300 + 100 + recognisingMillis(pcm) + 200);
            assertThat("first partial within 1 s of speech (bound " + bound + " ms on this machine)",
                       (firstPartial - speechStarted) / 1_000_000, lessThan(bound));
            assertThat(transcript.path("text").asText().toLowerCase(), containsString("center"));
        }
    }

    @Test
    void announced_48k_stereo_is_resampled_before_recognition() throws Exception {
        byte[] mono48 = Arrays.copyOfRange(Speech.wavFile(Speech.FRONT_CENTER), 44,
                                           Speech.wavFile(Speech.FRONT_CENTER).length);
        byte[] stereo = new byte[mono48.length / 2 * 4];
        for (int i = 0; i + 1 < mono48.length; i += 2) {
            System.arraycopy(mono48, i, stereo, i * 2, 2);
            System.arraycopy(mono48, i, stereo, i * 2 + 2, 2);
        }
        try (WsClient client = connect()) {
            client.send("{\"action\":\"audio_start\",\"sampleRate\":48000,\"channels\":2}");
            for (int at = 0; at < stereo.length; at += 38_400) {
                client.sendBinary(Arrays.copyOfRange(stereo, at, Math.min(stereo.length, at + 38_400)));
            }
            client.send("{\"action\":\"transcribe\"}");
            assertThat(client.await("transcript").path("text").asText().toLowerCase(), containsString("center"));
        }
    }

    @Test
    void nothing_to_transcribe_is_no_audio_and_clear_drops_the_audio() throws Exception {
        try (WsClient client = connect()) {
            client.send("{\"action\":\"transcribe\",\"requestId\":\"n\"}");
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("no_audio"));
            assertThat(error.path("error").asText(), is("No audio data"));
            assertThat(error.path("requestId").asText(), is("n"));
            client.sendBinary(new byte[3200]);
            client.await("ack");
            client.send("{\"action\":\"clear\",\"requestId\":\"c\"}");
            JsonNode cleared = client.await("cleared");
            assertThat(cleared.path("cleared").asBoolean(), is(true));
            assertThat(cleared.path("requestId").asText(), is("c"));
            client.send("{\"action\":\"transcribe\"}");
            assertThat(client.await("error").path("code").asText(), is("no_audio"));
        }
    }

    @Test
    void audio_over_the_limit_is_too_large_once_and_dropped() throws Exception {
        try (WsClient client = connect()) {
            byte[] second = new byte[32_000];
            for (int i = 0; i < 5; i++) {
                client.sendBinary(second);
                client.await("ack");
            }
            client.sendBinary(second);
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("too_large"));
            client.sendBinary(second);
            client.send("{\"action\":\"transcribe\"}");
            JsonNode next = client.nextJson();
            assertThat("no second too_large, and the audio was dropped", next.path("code").asText(), is("no_audio"));
        }
    }

    @Test
    void broken_wav_is_bad_audio() throws Exception {
        try (WsClient client = connect()) {
            client.sendBinary("RIFF\0\0\0\0WAVEjunk".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThat(client.await("error").path("code").asText(), is("bad_audio"));
        }
    }

    @Test
    void a_wav_cut_inside_a_chunk_is_bad_audio_and_the_socket_stays_open() throws Exception {
        try (WsClient client = connect()) {
            client.sendBinary(Speech.truncatedWav());
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("bad_audio"));
            assertThat(error.path("error").asText(), containsString("LIST"));
            client.send("{\"action\":\"clear\"}");
            assertThat(client.await("cleared").path("type").asText(), is("cleared"));
        }
    }

    /**
     * The recogniser's own time on this machine, transcribe to transcript, for the first half
     * second of speech in a clip; the best of two.
     */
    private static long recognisingMillis(byte[] pcm) throws InterruptedException {
        int start = 0;
        int frame = PcmFormat.MONO_16K.bytesFor(100);
        while (start + frame < pcm.length && !loud(Arrays.copyOfRange(pcm, start, start + frame))) {
            start += frame;
        }
        byte[] half = Arrays.copyOfRange(pcm, start, Math.min(pcm.length, start + PcmFormat.MONO_16K.bytesFor(500)));
        long best = Long.MAX_VALUE;
        try (WsClient client = connect()) {
            for (int i = 0; i < 2; i++) {
                client.send("{\"action\":\"audio_start\",\"sampleRate\":16000,\"channels\":1}");
                client.sendBinary(half);
                client.await("ack");
                long asked = System.nanoTime();
                client.send("{\"action\":\"transcribe\",\"requestId\":\"t" + i + "\"}");
                WsClient.Frame end = client.until(m -> List.of("transcript", "error").contains(m.path("type").asText()))
                        .getLast();
                best = Math.min(best, (end.arrived() - asked) / 1_000_000);
            }
        }
        return best;
    }

    private static boolean loud(byte[] pcm) {
        long sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            sum += Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)));
        }
        return sum / Math.max(1, pcm.length / 2) > 500;
    }
}
