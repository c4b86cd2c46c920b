package com.kidmodstudio.crafty.speech;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeWhisper;
import com.kidmodstudio.crafty.fakes.FakeWhisperServer;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeftovers.class)
class SpeechToTextFactoryTest {
    @TempDir
    Path install;
    @TempDir
    Path temp;
    private SpeechToText stt;

    @AfterEach
    void close() {
        if (stt != null) {
            stt.close();
        }
    }

    @Test
    void auto_takes_a_configured_whisper_server_and_passes_the_language() throws Exception {
        try (FakeWhisperServer server = FakeWhisperServer.builder().loadMillis(0).transcript("de", "Hallo Welt.").start()) {
            stt = create("de", "whisper.url", server.url() + "/", "whisper.model", "ggml-small.bin");

            assertThat(((ListeningGuard) stt).engine(), instanceOf(WhisperCppSpeechToText.class));
            assertThat(stt.transcribe(PocketsphinxSpeechToTextTest.speech("Front_Center"), new Cancellation()),
                       is("Hallo Welt."));
            EngineStatus status = stt.status();
            assertThat(status.engine(), is("whisper.cpp"));
            assertThat(status.location(), is(server.url().toString()));
            assertThat(status.model(), is("ggml-small.bin"));
            assertTrue(stt.supportsLanguage("de"));
        }
    }

    @Test
    void auto_takes_whisper_cli_when_executable_and_model_exist() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().install(install);

        stt = create("de", "whisper.bin", whisper.bin().toString(), "whisper.model", whisper.model().toString(),
                     "whisper.threads", "3");

        assertThat(stt.name(), is("whisper.cpp"));
        assertThat(stt.status().detail().get("mode"), is("cli"));
        assertThat(stt.status().detail().get("threads"), is(3));
    }

    @Test
    void whisper_without_its_model_falls_back_to_pocketsphinx_with_reasons() throws Exception {
        FakeWhisper.Installation whisper = FakeWhisper.builder().install(install);

        stt = create("de", "whisper.bin", whisper.bin().toString(), "whisper.model", install.resolve("missing.bin").toString());

        assertThat(((ListeningGuard) stt).engine(), instanceOf(PocketsphinxSpeechToText.class));
        EngineStatus status = stt.status();
        assertThat(String.valueOf(status.detail().get("whisper")), containsString("whisper.model"));
        assertThat(String.valueOf(status.detail().get("note")), containsString("English only"));
    }

    @Test
    void default_is_pocketsphinx_which_supports_english() {
        stt = create("en");

        assertThat(stt.name(), is("pocketsphinx"));
        assertTrue(stt.supportsLanguage("en"));
        assertTrue(stt.status().available());
        assertThat(stt.status().detail().get("note"), is((Object) null));
    }

    @Test
    void nothing_installed_gives_the_stand_in() {
        stt = create("de", "pocketsphinx.bin", "/opt/nowhere/pocketsphinx_continuous");

        assertThat(stt.name(), is("none"));
        assertFalse(stt.supportsLanguage("de"));
        EngineException e = assertThrows(EngineException.class, () -> stt.transcribe(new byte[320], new Cancellation()));
        assertEquals(ErrorCode.STT_UNAVAILABLE, e.code());
        assertThat(stt.status().lastError(), containsString("pocketsphinx.bin"));
    }

    @Test
    void forced_whisper_that_is_missing_is_the_stand_in() {
        stt = create("de", "stt.engine", "whisper");

        assertThat(stt.name(), is("none"));
        assertThat(stt.status().lastError(), containsString("WHISPER_URL"));
    }

    @Test
    void forced_pocketsphinx_wins_over_a_configured_whisper() {
        stt = create("en", "stt.engine", "pocketsphinx", "whisper.url", "http://127.0.0.1:9");

        assertThat(stt.name(), is("pocketsphinx"));
    }

    @Test
    void bad_values_name_their_key() {
        assertProblem("stt.engine", "STT_ENGINE", "stt.engine", "vosk");
        assertProblem("whisper.url", "WHISPER_URL", "whisper.url", "ftp://example");
        assertProblem("whisper.threads", "WHISPER_THREADS", "whisper.threads", "0");
        assertProblem("whisper.timeout", "WHISPER_TIMEOUT", "whisper.timeout", "forever");
        assertProblem("pocketsphinx.timeout", "POCKETSPHINX_TIMEOUT", "pocketsphinx.timeout", "-5s");
    }

    @Test
    void shipped_application_properties_builds_the_embedded_recogniser() {
        stt = SpeechToTextFactory.create(Config.just(ConfigSources.classpath("application.properties")), "de");

        assertThat(stt.name(), is("pocketsphinx"));
        assertFalse(stt.supportsLanguage("de"));
    }

    private void assertProblem(String key, String env, String... pairs) {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> create("de", pairs).close());
        assertThat(problem.key(), is(key));
        assertThat(problem.getMessage(), containsString(env));
    }

    private SpeechToText create(String language, String... pairs) {
        Map<String, String> values = new HashMap<>();
        values.put("speech.tmpdir", NoLeftovers.watch(temp).toString());
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        if (stt != null) {
            stt.close();
        }
        return SpeechToTextFactory.create(Config.just(ConfigSources.create(values)), language);
    }
}
