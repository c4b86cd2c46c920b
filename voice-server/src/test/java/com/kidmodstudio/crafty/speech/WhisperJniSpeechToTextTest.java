package com.kidmodstudio.crafty.speech;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.testing.Speech;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * whisper-jni with the native libraries of its jar, on this machine: a model file it cannot
 * read is a typed {@code stt_unavailable} naming the file, never a crash.
 */
class WhisperJniSpeechToTextTest {
    private static final Duration LOAD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static WhisperJniSpeechToText engine(Path model) {
        return new WhisperJniSpeechToText(Natives.dir(), model, "de", 2, Duration.ofSeconds(5), Duration.ofSeconds(60),
                                          Map.of());
    }

    private static void assertUnavailable(WhisperJniSpeechToText stt, String fileProblem) {
        assertThat(stt.awaitLoaded(LOAD), is(false));
        assertThat(stt.status().available(), is(false));
        assertThat(stt.status().lastError(), containsString(fileProblem));
        EngineException e = assertThrows(EngineException.class,
                                          () -> stt.transcribe(Speech.pcm16k(Speech.FRONT_CENTER), new Cancellation()));
        assertThat(e.code().wire(), is("stt_unavailable"));
        assertThat(e.getMessage(), containsString(fileProblem));
    }

    @Test
    void a_file_of_text_is_stt_unavailable_naming_the_file() throws Exception {
        try (WhisperJniSpeechToText stt = engine(Natives.garbage(dir.resolve("ggml-base.bin")))) {
            assertUnavailable(stt, "ggml-base.bin");
        }
    }

    @Test
    void a_model_cut_off_after_its_header_is_stt_unavailable_naming_the_file() throws Exception {
        try (WhisperJniSpeechToText stt = engine(Natives.truncatedGgml(dir.resolve("ggml-small.bin")))) {
            assertUnavailable(stt, "ggml-small.bin is cut off");
        }
    }

    @Test
    void a_whole_file_whisper_cpp_refuses_is_stt_unavailable_naming_the_file() throws Exception {
        Path model = Natives.foreignGgml(dir.resolve("ggml-odd.bin"));
        assertThat(GgmlModelFile.verify(model), is(1));
        try (WhisperJniSpeechToText stt = engine(model)) {
            assertUnavailable(stt, "whisper.cpp cannot read the model file ggml-odd.bin");
        }
    }

    @Test
    void a_model_cut_off_inside_a_tensor_is_stt_unavailable() throws Exception {
        Path whole = Natives.foreignGgml(dir.resolve("whole.bin"));
        byte[] bytes = java.nio.file.Files.readAllBytes(whole);
        Path cut = java.nio.file.Files.write(dir.resolve("ggml-cut.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 2));
        try (WhisperJniSpeechToText stt = engine(cut)) {
            assertUnavailable(stt, "ggml-cut.bin is cut off");
        }
    }

    @Test
    void an_empty_model_file_is_stt_unavailable_saying_it_is_empty() throws Exception {
        try (WhisperJniSpeechToText stt = engine(java.nio.file.Files.createFile(dir.resolve("ggml-tiny.bin")))) {
            assertUnavailable(stt, "is empty");
        }
    }

    @Test
    void a_missing_model_file_is_stt_unavailable_saying_it_is_missing() {
        try (WhisperJniSpeechToText stt = engine(dir.resolve("ggml-gone.bin"))) {
            assertUnavailable(stt, "is missing");
        }
    }
}
