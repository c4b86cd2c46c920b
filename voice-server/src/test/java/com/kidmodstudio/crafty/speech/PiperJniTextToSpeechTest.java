package com.kidmodstudio.crafty.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Cancellation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * piper-jni with the native libraries of its jar, on this machine: a voice Piper cannot load is
 * a typed {@code tts_unavailable} naming the file, never a crash.
 */
class PiperJniTextToSpeechTest {
    private static final Duration LOAD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static PiperJniTextToSpeech engine(PiperVoice voice) {
        return new PiperJniTextToSpeech(Natives.dir(), voice, -1, Duration.ofSeconds(5), Duration.ofSeconds(30), Map.of());
    }

    private static void assertUnavailable(PiperJniTextToSpeech tts, String fileProblem) {
        assertThat(tts.awaitLoaded(LOAD), is(false));
        assertThat(tts.status().available(), is(false));
        assertThat(tts.status().lastError(), containsString(fileProblem));
        EngineException e = assertThrows(EngineException.class,
                                          () -> tts.synthesize("Hallo!", pcm -> { }, new Cancellation()));
        assertThat(e.code().wire(), is("tts_unavailable"));
        assertThat(e.getMessage(), containsString(fileProblem));
    }

    @Test
    void a_file_of_text_is_tts_unavailable_naming_the_file() throws Exception {
        PiperVoice voice = Natives.voiceConfig(Natives.garbage(dir.resolve("de_DE-thorsten-medium.onnx")));
        try (PiperJniTextToSpeech tts = engine(voice)) {
            assertUnavailable(tts, "Piper cannot load the voice de_DE-thorsten-medium.onnx");
        }
    }

    @Test
    void a_voice_cut_off_after_its_first_bytes_is_tts_unavailable_naming_the_file() throws Exception {
        PiperVoice voice = Natives.voiceConfig(Natives.truncatedOnnx(dir.resolve("de_DE-kerstin-low.onnx")));
        try (PiperJniTextToSpeech tts = engine(voice)) {
            assertUnavailable(tts, "Piper cannot load the voice de_DE-kerstin-low.onnx");
        }
    }

    @Test
    void an_empty_voice_file_is_tts_unavailable_saying_it_is_empty() throws Exception {
        PiperVoice voice = Natives.voiceConfig(Files.createFile(dir.resolve("de_DE-empty.onnx")));
        try (PiperJniTextToSpeech tts = engine(voice)) {
            assertUnavailable(tts, "is empty");
        }
    }
}
