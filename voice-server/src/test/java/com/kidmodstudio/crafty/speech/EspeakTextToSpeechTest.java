package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeftovers.class)
class EspeakTextToSpeechTest {
    private static final Logger LOGGER = Logger.getLogger(EspeakTextToSpeechTest.class.getName());
    private static final Path ESPEAK = Executables.find("", "espeak-ng").orElseThrow();
    private static final String LONG_TEXT = "Das ist ein sehr langer Text, den Crafty vorlesen soll, damit wir sehen, "
            + "ob die Ausgabe schon während des Sprechens ankommt. ";

    @BeforeAll
    static void warm() throws EngineException {
        german().synthesize("Hallo.", pcm -> { }, new Cancellation());
    }

    @Test
    void german_sentence_gives_pcm_of_plausible_duration() throws EngineException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        long start = System.nanoTime();

        german().synthesize("Hallo, ich bin Crafty und helfe dir beim Bauen.", pcm::writeBytes, new Cancellation());

        long millis = (System.nanoTime() - start) / 1_000_000;
        double seconds = pcm.size() / (double) EspeakTextToSpeech.FORMAT.bytesPerSecond();
        LOGGER.info(() -> "espeak-ng: " + millis + " ms for " + seconds + " s of audio");
        assertThat(seconds, allOf(greaterThan(0.8), lessThan(5.0)));
        assertThat(Signals.rms(pcm.toByteArray()), greaterThan(0.01));
    }

    @Test
    void short_sentences_each_take_plausible_time_and_audio() throws EngineException {
        EspeakTextToSpeech tts = german();
        for (String sentence : List.of("Hol Holz.", "Baue eine Werkbank!", "Was möchtest du bauen?")) {
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            tts.synthesize(sentence, pcm::writeBytes, new Cancellation());
            double seconds = pcm.size() / (double) EspeakTextToSpeech.FORMAT.bytesPerSecond();
            assertThat(sentence, seconds, allOf(greaterThan(0.3), lessThan(3.0)));
        }
    }

    @Test
    void first_block_arrives_while_espeak_is_still_speaking() throws EngineException {
        AtomicBoolean aliveAtFirstBlock = new AtomicBoolean();
        List<Integer> sizes = new ArrayList<>();

        german().synthesize(LONG_TEXT.repeat(12), pcm -> {
            if (sizes.isEmpty()) {
                aliveAtFirstBlock.set(ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive));
            }
            sizes.add(pcm.length);
        }, new Cancellation());

        assertTrue(aliveAtFirstBlock.get(), "espeak-ng had already exited when the first block arrived");
        assertThat(sizes.size(), greaterThan(100));
        assertTrue(sizes.stream().allMatch(n -> n % 2 == 0), "whole frames only");
    }

    @Test
    void two_callers_can_synthesise_at_the_same_time() throws Exception {
        EspeakTextToSpeech tts = german();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> bytesOf(tts, "Der erste Satz für den ersten Spieler."));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> bytesOf(tts, "Und ein anderer Satz für die zweite Spielerin."));

        assertThat(a.get(10, TimeUnit.SECONDS), greaterThan(EspeakTextToSpeech.FORMAT.bytesPerSecond()));
        assertThat(b.get(10, TimeUnit.SECONDS), greaterThan(EspeakTextToSpeech.FORMAT.bytesPerSecond()));
    }

    @Test
    void text_starting_with_a_dash_is_spoken_not_taken_as_an_option() throws EngineException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();

        german().synthesize("--version ist kein Schalter, sondern Text.", pcm::writeBytes, new Cancellation());

        assertThat(pcm.size() / (double) EspeakTextToSpeech.FORMAT.bytesPerSecond(), greaterThan(1.0));
    }

    @Test
    void emoji_only_text_produces_no_audio() throws EngineException {
        List<byte[]> blocks = new ArrayList<>();

        german().synthesize(" 🎉👍 ", blocks::add, new Cancellation());

        assertThat(blocks.size(), is(0));
    }

    @Test
    void cancel_stops_synthesis_within_100_ms() throws Exception {
        Cancellation cancel = new Cancellation();
        CountDownLatch firstBlock = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                german().synthesize(LONG_TEXT.repeat(40), pcm -> {
                    firstBlock.countDown();
                    awaitQuietly(release);
                }, cancel);
                return null;
            } catch (Exception | Error e) {
                return e;
            }
        });
        assertTrue(firstBlock.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        cancel.cancel("stop");
        release.countDown();
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(String.valueOf(thrown), thrown instanceof CancelledException, is(true));
        assertThat(millis, lessThan(100L));
    }

    @Test
    void already_cancelled_request_does_not_start_espeak() {
        Cancellation cancel = new Cancellation();
        cancel.cancel("stop");

        assertThrows(CancelledException.class, () -> german().synthesize("Hallo.", pcm -> { }, cancel));
    }

    @Test
    void timeout_kills_espeak_and_reports_tts_timeout() {
        EspeakTextToSpeech tts = new EspeakTextToSpeech(ESPEAK, "de", 160, 50, Duration.ofMillis(1), Map.of());

        EngineException e = assertThrows(EngineException.class,
                                         () -> tts.synthesize(LONG_TEXT.repeat(40), pcm -> { }, new Cancellation()));
        assertEquals(ErrorCode.TTS_TIMEOUT, e.code());
    }

    @Test
    void unknown_voice_is_a_typed_failure() {
        EspeakTextToSpeech tts = new EspeakTextToSpeech(ESPEAK, "xx-nonexistent", 160, 50, Duration.ofSeconds(5), Map.of());

        EngineException e = assertThrows(EngineException.class, () -> tts.synthesize("Hallo.", pcm -> { }, new Cancellation()));
        assertEquals(ErrorCode.TTS_FAILED, e.code());
        assertThat(tts.status().lastError(), containsString("espeak-ng"));
    }

    @Test
    void missing_executable_is_tts_unavailable() {
        EspeakTextToSpeech tts = new EspeakTextToSpeech(Path.of("/nonexistent/espeak-ng"), "de", 160, 50,
                                                        Duration.ofSeconds(5), Map.of());

        EngineException e = assertThrows(EngineException.class, () -> tts.synthesize("Hallo.", pcm -> { }, new Cancellation()));
        assertEquals(ErrorCode.TTS_UNAVAILABLE, e.code());
        assertThat(tts.status().available(), is(false));
    }

    @Test
    void status_names_engine_voice_and_rate() {
        EngineStatus status = german().status();

        assertThat(status.engine(), is("espeak-ng"));
        assertThat(status.available(), is(true));
        assertThat(status.model(), is("de"));
        assertThat(status.location(), is(ESPEAK.toString()));
        assertThat(status.detail().get("sampleRate"), is(22_050));
        assertThat(german().format(), is(PcmFormat.mono(22_050)));
    }

    @Test
    void english_voice_speaks_too() throws EngineException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();

        new EspeakTextToSpeech(ESPEAK, "en-us", 175, 50, Duration.ofSeconds(10), Map.of())
                .synthesize("Hello, I am Crafty.", pcm::writeBytes, new Cancellation());

        assertThat(pcm.size() / (double) EspeakTextToSpeech.FORMAT.bytesPerSecond(), allOf(greaterThan(0.5), lessThan(3.0)));
    }

    private static EspeakTextToSpeech german() {
        return new EspeakTextToSpeech(ESPEAK, "de", 160, 50, Duration.ofSeconds(10), Map.of());
    }

    private static int bytesOf(EspeakTextToSpeech tts, String text) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try {
            tts.synthesize(text, pcm::writeBytes, new Cancellation());
        } catch (EngineException e) {
            throw new IllegalStateException(e);
        }
        return pcm.size();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
