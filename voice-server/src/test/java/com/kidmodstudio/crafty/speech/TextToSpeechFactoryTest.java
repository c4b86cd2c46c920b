package com.kidmodstudio.crafty.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(NoLeftovers.class)
class TextToSpeechFactoryTest {
    @TempDir
    Path install;
    @TempDir
    Path temp;
    private TextToSpeech tts;

    @AfterEach
    void close() {
        if (tts != null) {
            tts.close();
        }
    }

    @Test
    void auto_takes_piper_when_its_executable_and_voice_exist() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().sampleRate(16_000).install(install);

        tts = create("de", "piper.bin", piper.bin().toString(), "piper.voice", piper.voice().toString());

        assertThat(tts, instanceOf(PiperTextToSpeech.class));
        assertThat(tts.name(), is("piper"));
        assertThat(tts.format(), is(PcmFormat.mono(16_000)));
        EngineStatus status = tts.status();
        assertThat(status.location(), is(piper.bin().toString()));
        assertThat(status.model(), is(piper.voice().toString()));
        assertThat(status.detail().get("sampleRate"), is(16_000));
    }

    @Test
    void auto_falls_back_to_espeak_and_says_why_piper_was_passed_over() {
        tts = create("de", "piper.bin", "/opt/nowhere/piper", "piper.voice", "/opt/nowhere/de.onnx");

        assertThat(tts, instanceOf(EspeakTextToSpeech.class));
        EngineStatus status = tts.status();
        assertThat(status.engine(), is("espeak-ng"));
        assertThat(String.valueOf(status.detail().get("piper")), containsString("piper.bin \"/opt/nowhere/piper\""));
        assertThat(status.detail().get("sampleRate"), is(22_050));
    }

    @Test
    void piper_without_voice_config_falls_back_with_a_reason() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().install(install);
        Files.delete(piper.config());

        tts = create("de", "piper.bin", piper.bin().toString(), "piper.voice", piper.voice().toString());

        assertThat(tts.name(), is("espeak-ng"));
        assertThat(String.valueOf(tts.status().detail().get("piper")), containsString("audio.sample_rate"));
    }

    @Test
    void espeak_voice_follows_the_language() {
        tts = create("de");
        assertThat(tts.status().model(), is("de"));
        tts = create("en");
        assertThat(tts.status().model(), is("en-us"));
        tts = create("de", "espeak.voice.de", "de+f3");
        assertThat(tts.status().model(), is("de+f3"));
    }

    @Test
    void no_engine_at_all_gives_the_stand_in_that_explains() {
        tts = create("de", "espeak.bin", "/opt/nowhere/espeak-ng");

        assertThat(tts.name(), is("none"));
        assertFalse(tts.status().available());
        assertThat(tts.status().lastError(), containsString("espeak.bin \"/opt/nowhere/espeak-ng\""));
        EngineException e = assertThrows(EngineException.class, () -> tts.synthesize("Hallo.", pcm -> { }, new Cancellation()));
        assertEquals(ErrorCode.TTS_UNAVAILABLE, e.code());
    }

    @Test
    void forced_piper_that_is_missing_is_the_stand_in_not_espeak() {
        tts = create("de", "tts.engine", "piper");

        assertThat(tts.name(), is("none"));
        assertThat(tts.status().lastError(), containsString("PIPER_BIN"));
    }

    @Test
    void forced_espeak_wins_over_an_installed_piper() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().install(install);

        tts = create("de", "tts.engine", "espeak", "piper.bin", piper.bin().toString(), "piper.voice", piper.voice().toString());

        assertThat(tts.name(), is("espeak-ng"));
    }

    @Test
    void switched_off_is_the_stand_in() {
        tts = create("de", "tts.engine", "NONE");

        assertThat(tts.name(), is("none"));
        assertThat(tts.status().lastError(), containsString("switched off"));
    }

    @Test
    void bad_values_name_their_key_and_environment_variable() throws Exception {
        FakePiper.Installation piper = FakePiper.builder().install(install);

        assertProblem("tts.engine", "TTS_ENGINE", "tts.engine", "loud");
        assertProblem("piper.lengthscale", "PIPER_LENGTHSCALE", "piper.lengthscale", "fast");
        assertProblem("piper.sentencesilence", "PIPER_SENTENCESILENCE", "piper.sentencesilence", "-1");
        assertProblem("piper.timeout", "PIPER_TIMEOUT", "piper.timeout", "soon");
        assertProblem("piper.timeout", "PIPER_TIMEOUT", "piper.timeout", "0s");
        assertProblem("espeak.speed", "ESPEAK_SPEED", "espeak.speed", "9999");
        assertProblem("espeak.pitch", "ESPEAK_PITCH", "espeak.pitch", "high");
        assertProblem("piper.speaker", "PIPER_SPEAKER", "piper.bin", piper.bin().toString(),
                      "piper.voice", piper.voice().toString(), "piper.speaker", "carla");
    }

    @Test
    void shipped_application_properties_builds_the_embedded_voice() {
        Config root = Config.just(ConfigSources.classpath("application.properties"));

        tts = TextToSpeechFactory.create(root, "de");

        assertThat(tts.name(), is("espeak-ng"));
        assertThat(tts.status().detail().get("speed"), is(160));
    }

    private void assertProblem(String key, String env, String... pairs) {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> create("de", pairs).close());
        assertThat(problem.key(), is(key));
        assertThat(problem.getMessage(), containsString(env));
    }

    private TextToSpeech create(String language, String... pairs) {
        Map<String, String> values = new HashMap<>();
        values.put("speech.tmpdir", NoLeftovers.watch(temp).toString());
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        if (tts != null) {
            tts.close();
        }
        return TextToSpeechFactory.create(Config.just(ConfigSources.create(values)), language);
    }
}
