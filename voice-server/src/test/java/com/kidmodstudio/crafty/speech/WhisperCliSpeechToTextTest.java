package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeWhisper;
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
class WhisperCliSpeechToTextTest {
    @TempDir
    Path install;
    @TempDir
    Path temp;

    @Test
    void always_passes_the_language_and_reads_the_transcript() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(50).transcript("de", "Wie baue ich ein Haus?")
                .install(install);

        String text = engine(whisper, "de", Duration.ofSeconds(20)).transcribe(speech(), new Cancellation());

        assertThat(text, is("Wie baue ich ein Haus?"));
        List<String> args = List.of(whisper.runs().get(0).split(" "));
        assertThat(args.get(args.indexOf("-l") + 1), is("de"));
        assertThat(args.get(args.indexOf("-m") + 1), is(whisper.model().toString()));
        assertThat(args.get(args.indexOf("-t") + 1), is("2"));
        assertTrue(args.containsAll(List.of("-nt", "-np", "-otxt", "-of", "-f")), args.toString());
    }

    @Test
    void english_is_passed_explicitly_too() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(50).install(install);

        assertThat(engine(whisper, "en", Duration.ofSeconds(20)).transcribe(speech(), new Cancellation()), is("Hello Crafty."));
        assertThat(whisper.runs().get(0), containsString("-l en"));
    }

    @Test
    void the_fake_refuses_a_run_without_language_like_a_test_should() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(0).install(install);

        Process run = new ProcessBuilder(whisper.bin().toString(), "-m", whisper.model().toString(), "-f", "x.wav").start();
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor(), is(2));
        assertThat(err, containsString("no -l given"));
    }

    @Test
    void blank_audio_marker_becomes_empty_text() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(50).install(install);

        assertThat(engine(whisper, "de", Duration.ofSeconds(20)).transcribe(new byte[32_000], new Cancellation()), is(""));
    }

    @Test
    void model_that_fails_to_load_is_stt_failed_with_whispers_message() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().failure(FakeWhisper.Failure.EXIT).install(install);

        EngineException e = assertThrows(EngineException.class,
                                         () -> engine(whisper, "de", Duration.ofSeconds(20)).transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_FAILED, e.code());
        assertThat(e.getMessage(), containsString("failed to initialize whisper context"));
    }

    @Test
    void crash_is_stt_failed() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(0).failure(FakeWhisper.Failure.CRASH).install(install);

        EngineException e = assertThrows(EngineException.class,
                                         () -> engine(whisper, "de", Duration.ofSeconds(20)).transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_FAILED, e.code());
        assertThat(e.getMessage(), containsString("status 139"));
    }

    @Test
    void hung_whisper_is_killed_at_the_timeout() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(0).failure(FakeWhisper.Failure.HANG).install(install);
        long start = System.nanoTime();

        EngineException e = assertThrows(EngineException.class,
                                         () -> engine(whisper, "de", Duration.ofMillis(1500)).transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_TIMEOUT, e.code());
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(4000L));
    }

    @Test
    void cancel_stops_whisper_promptly() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().loadMillis(5000).install(install);
        Cancellation cancel = new Cancellation();
        WhisperCppSpeechToText stt = engine(whisper, "de", Duration.ofSeconds(20));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                stt.transcribe(speech(), cancel);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        awaitRun(whisper);

        long start = System.nanoTime();
        cancel.cancel("stop");
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);

        assertTrue(thrown instanceof CancelledException, String.valueOf(thrown));
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(200L));
    }

    @Test
    void english_only_model_with_german_setting_is_noted() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().englishOnlyModel().install(install);
        WhisperCppSpeechToText stt = engine(whisper, "de", Duration.ofSeconds(20));

        EngineStatus status = stt.status();

        assertFalse(stt.supportsLanguage("de"));
        assertThat(String.valueOf(status.detail().get("note")), containsString("English-only"));
        assertTrue(status.available());
        assertThat(status.detail().get("mode"), is("cli"));
    }

    @Test
    void missing_executable_is_stt_unavailable() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().install(install);
        WhisperCppSpeechToText stt = WhisperCppSpeechToText.cli(install.resolve("nope"), whisper.model(), "de", 2,
                                                                Duration.ofSeconds(5), NoLeftovers.watch(temp), Map.of());

        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(speech(), new Cancellation()));

        assertEquals(ErrorCode.STT_UNAVAILABLE, e.code());
        assertFalse(stt.status().available());
    }

    private WhisperCppSpeechToText engine(FakeWhisper.Installation whisper, String language, Duration timeout) {
        return WhisperCppSpeechToText.cli(whisper.bin(), whisper.model(), language, 2, timeout, NoLeftovers.watch(temp),
                                          Map.of());
    }

    private static byte[] speech() {
        try {
            return PocketsphinxSpeechToTextTest.speech("Front_Center");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitRun(FakeWhisper.Installation whisper) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (whisper.runs().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("whisper-cli never started");
            }
            Thread.sleep(5);
        }
    }
}
