package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.audio.Resampler;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.testing.Speech;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * whisper and Piper in-process on real speech with real weights. Weights cannot be downloaded on
 * the build machines, so each test runs only when its model is given, and is reported SKIPPED
 * (not passed) otherwise:
 * <ul>
 *   <li>{@code CRAFTY_TEST_WHISPER_MODEL}: a multilingual ggml model, e.g. {@code ggml-base.bin};</li>
 *   <li>{@code CRAFTY_TEST_PIPER_VOICE}: a German Piper voice {@code .onnx} with its {@code .onnx.json},
 *       e.g. {@code de_DE-thorsten-medium.onnx}.</li>
 * </ul>
 * The speech is a person saying "Front Center" (Debian's alsa-utils) and espeak-ng saying a
 * German question.
 */
class RealInferenceTest {
    private static final Duration LOAD = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private static Path given(String variable) {
        String value = System.getenv(variable);
        assumeTrue(value != null && !value.isBlank() && Files.isRegularFile(Path.of(value)),
                   variable + " is not set to a model file: no real weights on this machine");
        return Path.of(value);
    }

    private static WhisperJniSpeechToText whisper(Path model, String language) {
        return new WhisperJniSpeechToText(Natives.dir(), model, language, 2, LOAD, Duration.ofMinutes(2), Map.of());
    }

    private byte[] espeakGerman(String text) throws Exception {
        Path wav = dir.resolve("espeak.wav");
        Process espeak = new ProcessBuilder("espeak-ng", "-v", "de", "-w", wav.toString(), text).start();
        assertThat(espeak.waitFor(30, TimeUnit.SECONDS), is(true));
        Wav parsed = Wav.parse(Files.readAllBytes(wav));
        return Resampler.toMono16k(parsed.pcm(), parsed.format());
    }

    @Test
    void whisper_hears_a_person_say_front_center_and_loads_its_model_once_for_many_turns() throws Exception {
        try (WhisperJniSpeechToText stt = whisper(given("CRAFTY_TEST_WHISPER_MODEL"), "en")) {
            assertThat(stt.awaitLoaded(LOAD), is(true));
            for (int turn = 0; turn < 3; turn++) {
                String text = stt.transcribe(Speech.pcm16k(Speech.FRONT_CENTER), new Cancellation()).toLowerCase(Locale.ROOT);
                assertThat(text, anyOf(containsString("front"), containsString("center"), containsString("centre")));
            }
            assertThat(stt.loads(), is(1));
        }
    }

    @Test
    void whisper_understands_german_through_the_guard() throws Exception {
        try (SpeechToText stt = new ListeningGuard(whisper(given("CRAFTY_TEST_WHISPER_MODEL"), "de"), "de")) {
            String text = stt.transcribe(espeakGerman("Wie baue ich ein Haus?"), new Cancellation());
            assertThat(text.toLowerCase(Locale.ROOT), containsString("haus"));
        }
    }

    @Test
    void piper_speaks_german_at_the_voice_s_rate() throws Exception {
        Path model = given("CRAFTY_TEST_PIPER_VOICE");
        PiperVoice voice = PiperVoice.load(model, null);
        try (PiperJniTextToSpeech tts = new PiperJniTextToSpeech(Natives.dir(), voice, -1, LOAD, Duration.ofMinutes(1),
                                                                 Map.of())) {
            assertThat(tts.awaitLoaded(LOAD), is(true));
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            tts.synthesize("Hallo, ich bin Crafty. Was wollen wir heute bauen?", pcm::writeBytes, new Cancellation());
            tts.synthesize("Noch ein Satz.", pcm::writeBytes, new Cancellation());
            assertThat("more than a second of audio", pcm.size(), greaterThan(tts.format().bytesPerSecond()));
            assertThat(SilenceGate.heard(Resampler.toMono16k(pcm.toByteArray(), tts.format())), is(true));
            assertThat(tts.loads(), is(1));
        }
    }

    @Test
    void what_piper_says_whisper_hears() throws Exception {
        Path model = given("CRAFTY_TEST_WHISPER_MODEL");
        PiperVoice voice = PiperVoice.load(given("CRAFTY_TEST_PIPER_VOICE"), null);
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try (PiperJniTextToSpeech tts = new PiperJniTextToSpeech(Natives.dir(), voice, -1, LOAD, Duration.ofMinutes(1),
                                                                 Map.of())) {
            tts.synthesize("Ich baue ein großes Haus aus Holz.", pcm::writeBytes, new Cancellation());
            try (WhisperJniSpeechToText stt = whisper(model, "de")) {
                String text = stt.transcribe(Resampler.toMono16k(pcm.toByteArray(), tts.format()), new Cancellation());
                assertThat(text.toLowerCase(Locale.ROOT), containsString("haus"));
            }
        }
    }
}
