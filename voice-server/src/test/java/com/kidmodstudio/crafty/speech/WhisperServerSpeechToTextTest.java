package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeWhisperServer;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhisperServerSpeechToTextTest {
    private FakeWhisperServer server;
    private WhisperCppSpeechToText stt;

    @AfterEach
    void stop() {
        if (stt != null) {
            stt.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void posts_the_wav_and_language_as_multipart_and_reads_the_json_text() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).transcript("de", "Baue mir ein Haus.").start();
        stt = engine("de", Duration.ofSeconds(10));
        byte[] pcm = speech();

        String text = stt.transcribe(pcm, new Cancellation());

        assertThat(text, is("Baue mir ein Haus."));
        FakeWhisperServer.Request request = server.requests().stream().filter(r -> r.path().equals("/inference"))
                .findFirst().orElseThrow();
        assertThat(request.method(), is("POST"));
        assertThat(request.field("language"), is("de"));
        assertThat(request.field("response_format"), is("json"));
        assertThat(request.field("temperature"), is("0.0"));
        assertThat(request.part("file").filename(), is("utterance.wav"));
        assertThat(request.part("file").contentType(), is("audio/wav"));
        Wav sent = Wav.parse(request.part("file").content());
        assertThat(sent.format(), is(PcmFormat.MONO_16K));
        assertArrayEquals(pcm, sent.pcm());
    }

    @Test
    void utterance_sent_while_the_model_loads_waits_for_it() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(600).start();
        stt = engine("en", Duration.ofSeconds(10));
        long start = System.nanoTime();

        String text = stt.transcribe(speech(), new Cancellation());

        assertThat(text, is("Hello Crafty."));
        assertThat((System.nanoTime() - start) / 1_000_000, greaterThanOrEqualTo(500L));
    }

    @Test
    void status_says_loading_while_the_server_loads_its_model() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(5000).start();
        stt = engine("de", Duration.ofSeconds(10));

        EngineStatus loading = settledStatus(stt);

        assertFalse(loading.available());
        assertThat(loading.lastError(), containsString("loading"));
    }

    @Test
    void status_is_available_once_the_model_is_loaded() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).start();
        server.awaitLoaded();
        stt = engine("de", Duration.ofSeconds(10));

        EngineStatus ready = settledStatus(stt);

        assertTrue(ready.available(), String.valueOf(ready.lastError()));
        assertThat(ready.location(), is(server.url().toString()));
        assertThat(ready.model(), is("ggml-base.bin"));
        assertThat(ready.detail().get("mode"), is("server"));
        assertThat(ready.detail().get("language"), is("de"));
    }

    @Test
    void server_without_health_endpoint_is_probed_at_its_root() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).withoutHealth().start();
        stt = engine("de", Duration.ofSeconds(10));

        assertTrue(settledStatus(stt).available());
    }

    @Test
    void server_that_is_not_running_is_stt_unavailable() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        stt = WhisperCppSpeechToText.server(nowhere, "", "de", Duration.ofSeconds(5), Map.of());

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_UNAVAILABLE, e.code());
        assertFalse(stt.status().available());
    }

    @Test
    void server_error_is_stt_failed_with_its_message() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).start().failure(FakeWhisperServer.Failure.ERROR);
        stt = engine("de", Duration.ofSeconds(10));

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_FAILED, e.code());
        assertThat(e.getMessage(), containsString("HTTP 500: failed to process audio"));
    }

    @Test
    void reply_that_is_not_json_is_stt_failed() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).start().failure(FakeWhisperServer.Failure.BAD_JSON);
        stt = engine("de", Duration.ofSeconds(10));

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_FAILED, e.code());
    }

    @Test
    void hanging_server_is_stt_timeout() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).start().failure(FakeWhisperServer.Failure.HANG);
        stt = engine("de", Duration.ofMillis(800));
        long start = System.nanoTime();

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_TIMEOUT, e.code());
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(3000L));
    }

    @Test
    void cancel_aborts_the_request_promptly() throws Exception {
        server = FakeWhisperServer.builder().loadMillis(0).start().failure(FakeWhisperServer.Failure.HANG);
        stt = engine("de", Duration.ofSeconds(20));
        Cancellation cancel = new Cancellation();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                stt.transcribe(speech(), cancel);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        awaitInference();

        long start = System.nanoTime();
        cancel.cancel("stop");
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);

        assertTrue(thrown instanceof CancelledException, String.valueOf(thrown));
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(100L));
    }

    private WhisperCppSpeechToText engine(String language, Duration timeout) {
        return WhisperCppSpeechToText.server(server.url(), "ggml-base.bin", language, timeout, Map.of());
    }

    /** The status once the first health probe has answered (the first call may return before it does). */
    static EngineStatus settledStatus(SpeechToText engine) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        EngineStatus status = engine.status();
        while ("not checked yet".equals(status.lastError()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = engine.status();
        }
        return status;
    }

    private void awaitInference() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.requests().stream().noneMatch(r -> r.path().equals("/inference"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no /inference request arrived");
            }
            Thread.sleep(5);
        }
    }

    private static byte[] speech() throws IOException {
        return PocketsphinxSpeechToTextTest.speech("Front_Center");
    }
}
