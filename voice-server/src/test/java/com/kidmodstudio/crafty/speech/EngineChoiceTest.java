package com.kidmodstudio.crafty.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.fakes.FakeWhisper;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

/**
 * The order of choice for each role: what the user configured, then the in-process engine with
 * a model installed in the models directory for Crafty's language, then espeak-ng or
 * pocketsphinx, then the stand-in.
 */
class EngineChoiceTest {
    @TempDir
    Path models;
    @TempDir
    Path install;

    private Config config(String... pairs) {
        Map<String, String> values = new HashMap<>();
        values.put("models.dir", models.toString());
        values.put("speech.natives", Natives.dir().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return Config.just(ConfigSources.create(values));
    }

    private static SpeechToText engineOf(SpeechToText stt) {
        return ((ListeningGuard) stt).engine();
    }

    private void installed(String name, Instant when) throws Exception {
        Path file = Natives.garbage(models.resolve(name));
        Files.setLastModifiedTime(file, FileTime.from(when));
    }

    @Test
    void an_installed_whisper_model_is_chosen_over_pocketsphinx() throws Exception {
        installed("ggml-base.bin", Instant.now());
        try (SpeechToText stt = SpeechToTextFactory.create(config(), "de")) {
            assertThat(engineOf(stt), instanceOf(WhisperJniSpeechToText.class));
            assertThat(stt.status().model(), is("ggml-base.bin"));
        }
    }

    @Test
    void the_model_installed_last_wins_and_an_english_only_one_is_never_taken_for_german() throws Exception {
        installed("ggml-tiny.bin", Instant.now().minusSeconds(3600));
        installed("ggml-small.bin", Instant.now().minusSeconds(60));
        installed("ggml-base.en.bin", Instant.now());
        try (SpeechToText stt = SpeechToTextFactory.create(config(), "de")) {
            assertThat(stt.status().model(), is("ggml-small.bin"));
        }
        try (SpeechToText stt = SpeechToTextFactory.create(config(), "en")) {
            assertThat(stt.status().model(), is("ggml-base.en.bin"));
        }
        try (SpeechToText stt = SpeechToTextFactory.create(config("speech.whisper", "ggml-tiny.bin"), "de")) {
            assertThat("a configured name wins", stt.status().model(), is("ggml-tiny.bin"));
        }
    }

    @Test
    void a_configured_whisper_cli_is_chosen_over_an_installed_model() throws Exception {
        installed("ggml-base.bin", Instant.now());
        FakeWhisper.Installation whisper = FakeWhisper.builder().install(install);
        try (SpeechToText stt = SpeechToTextFactory.create(
                config("whisper.bin", whisper.bin().toString(), "whisper.model", whisper.model().toString()), "de")) {
            assertThat(stt.name(), is("whisper.cpp"));
        }
    }

    @Test
    void only_an_english_model_for_german_falls_to_pocketsphinx_which_is_not_ready_for_german() throws Exception {
        installed("ggml-base.en.bin", Instant.now());
        try (SpeechToText stt = SpeechToTextFactory.create(config(), "de")) {
            assertThat(stt.name(), is("pocketsphinx"));
            assertThat(stt.status().available(), is(false));
            assertThat(stt.status().detail().get("understands"), is("en"));
            assertThat(String.valueOf(stt.status().detail().get("whisper")), containsString("no whisper model for 'de'"));
        }
    }

    @Test
    void an_installed_voice_for_the_language_is_chosen_over_espeak_and_one_for_another_is_not() throws Exception {
        Natives.voiceConfig(Natives.garbage(models.resolve("de_DE-thorsten-medium.onnx")));
        Path english = Natives.garbage(models.resolve("en_US-lessac-medium.onnx"));
        Files.writeString(Path.of(english + ".json"),
                          "{\"audio\":{\"sample_rate\":22050},\"language\":{\"code\":\"en_US\"}}");
        try (TextToSpeech tts = TextToSpeechFactory.create(config(), "de")) {
            assertThat(tts, instanceOf(PiperJniTextToSpeech.class));
            assertThat(tts.status().model(), is("de_DE-thorsten-medium.onnx"));
            assertThat(tts.status().detail().get("speaks"), is("de"));
        }
        Files.delete(models.resolve("de_DE-thorsten-medium.onnx"));
        try (TextToSpeech tts = TextToSpeechFactory.create(config(), "de")) {
            assertThat(tts.name(), is("espeak-ng"));
            assertThat(tts.status().detail().get("speaks"), is("de"));
            assertThat(String.valueOf(tts.status().detail().get("piper")), containsString("no Piper voice for 'de'"));
        }
    }

    @Test
    void a_configured_piper_executable_is_chosen_over_an_installed_voice_unless_it_speaks_another_language()
            throws Exception {
        Natives.voiceConfig(Natives.garbage(models.resolve("de_DE-thorsten-medium.onnx")));
        FakePiper.Installation piper = FakePiper.builder().install(install);
        try (TextToSpeech tts = TextToSpeechFactory.create(
                config("piper.bin", piper.bin().toString(), "piper.voice", piper.voice().toString()), "de")) {
            assertThat(tts, instanceOf(PiperTextToSpeech.class));
        }
        try (TextToSpeech tts = TextToSpeechFactory.create(
                config("piper.bin", piper.bin().toString(), "piper.voice", piper.voice().toString()), "fr")) {
            assertThat("a voice that does not speak the language is passed over", tts.name(), is("espeak-ng"));
        }
    }
}
