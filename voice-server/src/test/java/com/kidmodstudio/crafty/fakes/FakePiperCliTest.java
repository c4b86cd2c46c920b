package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake {@code piper} as the seed's server runs it (the benchmark's peer): from the server's
 * own folder, the voice given by name, raw audio on stdout, the text on stdin without a newline.
 */
class FakePiperCliTest {
    private static final long WAIT_SECONDS = 60;

    @Test
    void a_voice_named_without_a_path_is_found_in_the_working_directory_and_raw_audio_comes_per_sentence(
            @TempDir Path dir) throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(0).msPerChar(0).install(dir.resolve("bin"));
        Path server = Files.createDirectories(dir.resolve("server"));
        Files.copy(piper.voice(), server.resolve("de_DE-thorsten-high.onnx"));
        Files.writeString(server.resolve("de_DE-thorsten-high.onnx.json"), "{\"audio\":{\"sample_rate\":22050}}");

        Run run = piper(piper, server, "Hallo du! Wie geht es dir?",
                        "--model", "de_DE-thorsten-high", "--output-raw", "--length-scale", "1");

        assertEquals(0, run.status(), "exit status");
        int expected = FakeAudio.speech("Hallo du!", 22_050, 220, 1, 0.2).length
                       + FakeAudio.speech("Wie geht es dir?", 22_050, 220, 1, 0.2).length;
        assertEquals(expected, run.stdout().length, "one stretch of audio and silence per sentence");
        assertTrue(piper.utterances().contains("Hallo du! Wie geht es dir?"), "utterances: " + piper.utterances());
    }

    @Test
    void a_voice_name_with_no_files_in_the_data_directories_aborts_like_piper(@TempDir Path dir) throws Exception {
        FakePiper.Installation piper = FakePiper.builder().loadMillis(0).msPerChar(0).install(dir.resolve("bin"));
        Path empty = Files.createDirectories(dir.resolve("empty"));

        Run run = piper(piper, dir, "Hallo.", "--model", "de_DE-thorsten-high", "--data-dir", empty.toString(),
                        "--output-raw");

        assertEquals(134, run.status(), "exit status");
        assertEquals(0, run.stdout().length, "no audio");
    }

    private record Run(int status, byte[] stdout) {
    }

    private static Run piper(FakePiper.Installation piper, Path workingDir, String text, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(piper.bin().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "piper did not exit");
        return new Run(process.exitValue(), out);
    }
}
