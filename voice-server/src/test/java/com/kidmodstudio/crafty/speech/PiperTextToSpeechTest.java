package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineEvents;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeAudio;
import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeftovers.class)
class PiperTextToSpeechTest {
    private static final Logger LOGGER = Logger.getLogger(PiperTextToSpeechTest.class.getName());

    @TempDir
    Path install;
    @TempDir
    Path temp;
    private final List<PiperTextToSpeech> engines = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(PiperTextToSpeech::close);
    }

    @Test
    void voice_loads_once_and_later_sentences_do_not_pay_the_load() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(300).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));

        long cold = timeMillis(tts, "Hallo, ich bin Crafty.");
        long warm1 = timeMillis(tts, "Was möchtest du bauen?");
        long warm2 = timeMillis(tts, "Ein Haus aus Holz.");

        LOGGER.info(() -> "piper (fake, 300 ms load): cold " + cold + " ms, warm " + warm1 + " / " + warm2 + " ms");
        assertThat(piper.starts(), is(1L));
        assertThat(warm1, lessThan(cold - 250));
        assertThat(warm2, lessThan(cold - 250));
        assertThat(piper.utterances(), contains("Hallo, ich bin Crafty.", "Was möchtest du bauen?", "Ein Haus aus Holz."));
    }

    @Test
    void sample_rate_comes_from_the_voice_config_and_audio_is_complete() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).sampleRate(16_000).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();

        tts.synthesize("Hol Holz aus dem Wald.", pcm::writeBytes, new Cancellation());

        assertThat(tts.format(), is(PcmFormat.mono(16_000)));
        assertThat(pcm.size(), is(expectedBytes(16_000, "Hol Holz aus dem Wald.")));
        double seconds = "Hol Holz aus dem Wald.".length() * FakeAudio.MS_PER_CHAR / 1000.0 * 1.1 + 0.2;
        assertThat(pcm.size() / 32_000.0, closeTo(seconds, 0.01));
    }

    @Test
    void each_sentence_is_streamed_before_the_next_is_synthesised() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).msPerChar(5).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        List<Integer> utterancesAtFirstBlock = new ArrayList<>();

        tts.synthesize("Das ist der erste Satz. Das ist der zweite Satz. Und hier kommt der dritte.", pcm -> {
            if (utterancesAtFirstBlock.isEmpty()) {
                utterancesAtFirstBlock.add(utterancesQuietly(piper));
            }
        }, new Cancellation());

        assertThat(utterancesAtFirstBlock, contains(1));
        assertThat(piper.utterances().size(), is(3));
    }

    @Test
    void crashed_process_fails_that_request_and_is_restarted_on_next_use() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).failure(FakePiper.Failure.CRASH, 2).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        tts.synthesize("Erster Satz hier.", pcm -> { }, new Cancellation());
        tts.synthesize("Zweiter Satz hier.", pcm -> { }, new Cancellation());

        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Dritter Satz hier.", pcm -> { }, new Cancellation()));
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        tts.synthesize("Vierter Satz hier.", pcm::writeBytes, new Cancellation());

        assertEquals(ErrorCode.TTS_FAILED, e.code());
        assertThat(e.getMessage(), containsString("exited with status 139"));
        assertThat(e.getMessage(), containsString("Segmentation fault"));
        assertThat(pcm.size(), greaterThan(0));
        assertThat(piper.starts(), is(2L));
        assertThat("the process events reach the engine's listener", events, is(List.of("started", "restarted", "started")));
    }

    @Test
    void hung_process_times_out_is_killed_and_replaced() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).failure(FakePiper.Failure.HANG, 1).install(install);
        // the timeout covers the fake's own JVM start on the first sentence, also on a loaded machine
        Duration timeout = Duration.ofMillis(4000);
        PiperTextToSpeech tts = engine(piper, timeout);
        tts.synthesize("Erster Satz hier.", pcm -> { }, new Cancellation());
        long hungPid = pidOf(tts);

        long start = System.nanoTime();
        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Zweiter Satz hier.", pcm -> { }, new Cancellation()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ErrorCode.TTS_TIMEOUT, e.code());
        assertThat("stopped at its timeout", millis, lessThan(timeout.toMillis() + 2000));
        assertFalse(ProcessHandle.of(hungPid).map(ProcessHandle::isAlive).orElse(false), "hung piper still alive");
        tts.synthesize("Dritter Satz hier.", pcm -> { }, new Cancellation());
        assertThat(piper.starts(), is(2L));
    }

    @Test
    void garbage_on_stdout_is_a_typed_error_and_the_process_is_replaced() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).failure(FakePiper.Failure.GARBAGE, 0).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));

        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation()));
        assertThrows(EngineException.class, () -> tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation()));

        assertEquals(ErrorCode.TTS_FAILED, e.code());
        assertThat(e.getMessage(), containsString("unexpected output from piper"));
        assertThat(piper.starts(), is(2L));
    }

    @Test
    void file_that_is_not_a_wav_is_a_typed_error() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).failure(FakePiper.Failure.BAD_WAV, 0).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));

        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation()));

        assertEquals(ErrorCode.TTS_FAILED, e.code());
        assertThat(e.getMessage(), containsString("unusable WAV"));
        assertThat(tts.status().lastError(), containsString("unusable WAV"));
    }

    @Test
    void voice_that_fails_to_load_is_a_typed_error_with_pipers_message() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).failure(FakePiper.Failure.EXIT_AT_START, 0)
                .install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));

        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation()));

        assertEquals(ErrorCode.TTS_FAILED, e.code());
        assertThat(e.getMessage(), containsString("Failed to load voice"));
    }

    @Test
    void missing_executable_is_tts_unavailable() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().install(install);
        PiperTextToSpeech tts = track(new PiperTextToSpeech(install.resolve("no-such-piper"), voice(piper), 1.0, 0.2, -1,
                                                            Duration.ofSeconds(5), NoLeftovers.watch(temp), Map.of(),
                                                            EngineEvents.NONE));

        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation()));

        assertEquals(ErrorCode.TTS_UNAVAILABLE, e.code());
        assertFalse(tts.status().available());
    }

    @Test
    void cancel_returns_within_100_ms_and_keeps_the_voice_loaded() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).msPerChar(15).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        tts.synthesize("Ok los.", pcm -> { }, new Cancellation());
        Cancellation cancel = new Cancellation();
        CountDownLatch requested = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                requested.countDown();
                tts.synthesize("Dieser Satz ist lang genug, um eine ganze Weile zu dauern.", pcm -> { }, cancel);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertTrue(requested.await(5, TimeUnit.SECONDS));
        awaitUtterances(piper, 2);

        long start = System.nanoTime();
        cancel.cancel("stop");
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(thrown instanceof CancelledException, String.valueOf(thrown));
        assertThat(millis, lessThan(100L));
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        tts.synthesize("Weiter geht es.", pcm::writeBytes, new Cancellation());
        assertThat(pcm.size(), greaterThan(0));
        assertThat(piper.starts(), is(1L));
    }

    @Test
    void two_callers_at_once_both_get_their_whole_audio_from_one_process() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(100).msPerChar(2).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        String a = "Erster Sprecher redet. Und redet weiter.";
        String b = "Zweiter Sprecher antwortet. Auch er redet weiter.";

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> bytesOf(tts, a));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> bytesOf(tts, b));

        assertThat(first.get(20, TimeUnit.SECONDS), is(expectedBytes(22_050, "Erster Sprecher redet.", "Und redet weiter.")));
        assertThat(second.get(20, TimeUnit.SECONDS),
                   is(expectedBytes(22_050, "Zweiter Sprecher antwortet.", "Auch er redet weiter.")));
        assertThat(piper.starts(), is(1L));
    }

    @Test
    void text_is_sent_as_json_never_as_arguments_and_survives_dashes_quotes_and_line_breaks() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));

        tts.synthesize("--help ist \"kein\" Schalter {}\nZweite Zeile mit Umlauten äöü", pcm -> { }, new Cancellation());

        assertThat(piper.utterances(), contains("--help ist \"kein\" Schalter {}", "Zweite Zeile mit Umlauten äöü"));
        assertThat(piper.logLines().get(0), containsString("--json-input"));
        assertThat(piper.logLines().get(0), containsString("--length_scale 1.100"));
    }

    @Test
    void close_stops_the_process_politely_and_removes_its_files() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation());
        ProcessHandle handle = ProcessHandle.of(pidOf(tts)).orElseThrow();

        tts.close();

        assertFalse(handle.isAlive());
        assertThat(handle.onExit().get(1, TimeUnit.SECONDS).isAlive(), is(false));
        try (var files = Files.list(temp)) {
            assertThat(files.count(), is(0L));
        }
        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize("Hallo du da.", pcm -> { }, new Cancellation()));
        assertEquals(ErrorCode.TTS_UNAVAILABLE, e.code());
    }

    @Test
    void status_reports_voice_rate_language_and_process() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(20).sampleRate(22_050).install(install);
        PiperTextToSpeech tts = engine(piper, Duration.ofSeconds(20));
        assertThat(tts.status().detail().get("processRunning"), is(false));

        tts.warmUp();
        EngineStatus status = tts.status();

        assertThat(status.engine(), is("piper"));
        assertTrue(status.available());
        assertThat(status.model(), is(piper.voice().toString()));
        assertThat(status.modelPresent(), is(true));
        assertThat(status.detail().get("sampleRate"), is(22_050));
        assertThat(status.detail().get("voiceLanguage"), is("de_DE"));
        assertThat(status.detail().get("processRunning"), is(true));
        assertThat(piper.logLines(), hasItem("utterance Ok."));
    }

    @Test
    void named_speaker_is_resolved_from_the_voice_config() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().install(install);
        PiperVoice voice = voice(piper);

        assertThat(voice.speakerId("ben"), is(1));
        assertThat(voice.speakerId("0"), is(0));
        assertThat(voice.speakerId(""), is(-1));
        assertThrows(IllegalArgumentException.class, () -> voice.speakerId("carla"));
    }

    private PiperTextToSpeech engine(FakePiper.Installation piper, Duration timeout) throws IOException {
        return track(new PiperTextToSpeech(piper.bin(), voice(piper), 1.1, 0.2, -1, timeout, NoLeftovers.watch(temp),
                                           Map.of(), (engine, event, detail) -> events.add(event)));
    }

    private PiperTextToSpeech track(PiperTextToSpeech tts) {
        engines.add(tts);
        return tts;
    }

    private static PiperVoice voice(FakePiper.Installation piper) throws IOException {
        return PiperVoice.load(piper.voice(), null);
    }

    /** What the fake writes for these sentences with the engine's length scale 1.1 and 0.2 s silence. */
    private static int expectedBytes(int rate, String... sentences) {
        int total = 0;
        for (String sentence : sentences) {
            total += FakeAudio.speech(sentence, rate, 220, 1.1, 0.2).length;
        }
        return total;
    }

    private static long timeMillis(PiperTextToSpeech tts, String text) throws EngineException {
        long start = System.nanoTime();
        tts.synthesize(text, pcm -> { }, new Cancellation());
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static int bytesOf(PiperTextToSpeech tts, String text) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try {
            tts.synthesize(text, pcm::writeBytes, new Cancellation());
        } catch (EngineException e) {
            throw new IllegalStateException(e);
        }
        return pcm.size();
    }

    private static long pidOf(PiperTextToSpeech tts) {
        return ((Number) tts.status().detail().get("pid")).longValue();
    }

    private static int utterancesQuietly(FakePiper.Installation piper) {
        try {
            return piper.utterances().size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUtterances(FakePiper.Installation piper, int count) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (piper.utterances().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("piper never received utterance " + count);
            }
            Thread.onSpinWait();
        }
    }
}
