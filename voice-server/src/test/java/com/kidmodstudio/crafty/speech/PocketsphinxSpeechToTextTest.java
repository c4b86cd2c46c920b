package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.Resampler;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeftovers.class)
class PocketsphinxSpeechToTextTest {
    private static final Logger LOGGER = Logger.getLogger(PocketsphinxSpeechToTextTest.class.getName());
    private static final Path BIN = Executables.find("", "pocketsphinx_continuous").orElseThrow();

    @TempDir
    Path temp;

    @Test
    void recognises_center_in_alsas_front_center_recording_resampled_to_16k() throws Exception {
        byte[] pcm = speech("Front_Center");

        long start = System.nanoTime();
        String text = engine("en", Duration.ofSeconds(20)).transcribe(pcm, new Cancellation());
        long millis = (System.nanoTime() - start) / 1_000_000;

        LOGGER.info(() -> "pocketsphinx: \"" + text + "\" in " + millis + " ms for 1.4 s of speech");
        assertThat(text.toLowerCase(Locale.ROOT), containsString("center"));
    }

    @Test
    void recognises_left_in_another_recording() throws Exception {
        String text = engine("en", Duration.ofSeconds(20)).transcribe(speech("Front_Left"), new Cancellation());

        assertThat(text.toLowerCase(Locale.ROOT), containsString("left"));
    }

    @Test
    void silence_and_empty_audio_give_no_words() throws Exception {
        PocketsphinxSpeechToText stt = engine("en", Duration.ofSeconds(20));

        assertThat(stt.transcribe(new byte[32_000], new Cancellation()), is(""));
        assertThat(stt.transcribe(new byte[0], new Cancellation()), is(""));
    }

    @Test
    void german_setting_is_reported_as_english_only() {
        PocketsphinxSpeechToText stt = engine("de", Duration.ofSeconds(20));
        EngineStatus status = stt.status();

        assertFalse(stt.supportsLanguage("de"));
        assertTrue(stt.supportsLanguage("en"));
        assertTrue(status.available());
        assertThat(status.engine(), is("pocketsphinx"));
        assertThat(String.valueOf(status.detail().get("note")), containsString("English only"));
        assertThat(status.detail().get("language"), is("de"));
        assertThat(status.modelPresent(), is(true));
    }

    @Test
    void cancel_kills_the_recogniser_promptly() throws Exception {
        ByteArrayOutputStream longSpeech = new ByteArrayOutputStream();
        for (int i = 0; i < 12; i++) {
            longSpeech.writeBytes(speech(i % 2 == 0 ? "Front_Center" : "Rear_Left"));
        }
        Cancellation cancel = new Cancellation();
        PocketsphinxSpeechToText stt = engine("en", Duration.ofSeconds(20));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                stt.transcribe(longSpeech.toByteArray(), cancel);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        awaitChild();

        long start = System.nanoTime();
        cancel.cancel("stop");
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);

        assertTrue(thrown instanceof CancelledException, String.valueOf(thrown));
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(200L));
    }

    @Test
    void timeout_is_stt_timeout() throws Exception {
        PocketsphinxSpeechToText stt = engine("en", Duration.ofMillis(1));

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(speech("Front_Center"), new Cancellation()));

        assertEquals(ErrorCode.STT_TIMEOUT, e.code());
    }

    @Test
    void missing_executable_is_stt_unavailable() {
        PocketsphinxSpeechToText stt = new PocketsphinxSpeechToText(Path.of("/nonexistent/pocketsphinx_continuous"), "en",
                                                                    null, null, null, Duration.ofSeconds(5),
                                                                    NoLeftovers.watch(temp), Map.of());

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(new byte[3200], new Cancellation()));

        assertEquals(ErrorCode.STT_UNAVAILABLE, e.code());
        assertFalse(stt.status().available());
    }

    @Test
    void broken_model_path_is_a_typed_failure() {
        PocketsphinxSpeechToText stt = new PocketsphinxSpeechToText(BIN, "en", temp.resolve("no-model"), null, null,
                                                                    Duration.ofSeconds(5), NoLeftovers.watch(temp), Map.of());

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(new byte[3200], new Cancellation()));

        assertEquals(ErrorCode.STT_FAILED, e.code());
        assertThat(e.getMessage(), containsString("exited with status"));
        assertFalse(stt.status().available());
    }

    @Test
    void odd_byte_count_is_rejected_before_anything_runs() {
        assertThrows(InvalidAudioException.class, () -> engine("en", Duration.ofSeconds(5)).transcribe(new byte[3], new Cancellation()));
    }

    private PocketsphinxSpeechToText engine(String language, Duration timeout) {
        return new PocketsphinxSpeechToText(BIN, language, null, null, null, timeout, NoLeftovers.watch(temp), Map.of());
    }

    static byte[] speech(String name) throws IOException {
        Wav wav = Wav.parse(Files.readAllBytes(Path.of("/usr/share/sounds/alsa/" + name + ".wav")));
        return Resampler.toMono16k(wav.pcm(), wav.format());
    }

    private static void awaitChild() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pocketsphinx never started");
            }
            Thread.sleep(5);
        }
    }
}
