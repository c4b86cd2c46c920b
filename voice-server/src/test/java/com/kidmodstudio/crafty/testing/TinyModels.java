package com.kidmodstudio.crafty.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the tiny but real speech models of {@link TinyWhisperModel} and {@link TinyPiperVoice}
 * into a folder, for tests in other languages (the panel's Chromium tests run
 * {@code java -cp voice-server-tests.jar:voice-server.jar com.kidmodstudio.crafty.testing.TinyModels <dir>}).
 * Prints one line per file: its name.
 */
public final class TinyModels {
    /** The recogniser's file name (a whisper.cpp {@code ggml-*.bin}). */
    public static final String WHISPER = "ggml-tiny-test.bin";
    /** The voice's file name (a Piper {@code <lang>_<REGION>-<name>-<quality>.onnx}). */
    public static final String PIPER = "de_DE-test-x_low.onnx";

    private TinyModels() {
    }

    /**
     * Writes both models.
     *
     * @param args the folder (made when missing)
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TinyModels <dir>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        TinyWhisperModel.write(dir.resolve(WHISPER));
        TinyPiperVoice.write(dir.resolve(PIPER));
        System.out.println(WHISPER);
        System.out.println(PIPER);
        System.out.println(PIPER + ".json");
    }
}
