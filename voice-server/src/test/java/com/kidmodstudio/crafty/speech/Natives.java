package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The natives folder the tests of one JVM share (native libraries load once per process), and
 * broken model files.
 */
final class Natives {
    private static Path dir;

    private Natives() {
    }

    /**
     * The folder, under {@code target/}, made on first use.
     *
     * @return the folder
     */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "natives-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /**
     * A file of text that is no model at all.
     *
     * @param file where
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path garbage(Path file) throws IOException {
        return Files.writeString(file, "this is not a model, just some text a download left behind\n".repeat(200));
    }

    /**
     * The start of a ggml whisper model: the magic number and the first hyper-parameters, then
     * nothing, as a download that stopped early leaves it.
     *
     * @param file where
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path truncatedGgml(Path file) throws IOException {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(4 * 12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x67676d6c); // "ggml"
        int[] hparams = {51865, 512, 8, 6, 512, 8, 6, 80, 1, 0, 0};
        for (int value : hparams) {
            header.putInt(value);
        }
        Files.write(file, header.array(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /**
     * A file laid out like a ggml whisper model, complete to its last byte, whose only tensor is
     * one whisper.cpp does not know: it passes the layout check and whisper.cpp refuses it.
     *
     * @param file where
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path foreignGgml(Path file) throws IOException {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(256).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x67676d6c);
        for (int value : new int[] {4, 8, 8, 1, 1, 8, 8, 1, 1, 2, 0}) {
            out.putInt(value);
        }
        out.putInt(2).putInt(2).putFloat(0).putFloat(0).putFloat(0).putFloat(0); // mel filters
        out.putInt(1).putInt(2).put((byte) 'h').put((byte) 'i');                 // vocabulary
        out.putInt(1).putInt(5).putInt(0).putInt(1).put("bogus".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putFloat(1f);                                                   // one F32 tensor
        Files.write(file, java.util.Arrays.copyOf(out.array(), out.position()));
        return file;
    }

    /**
     * A Piper voice config for a German voice at 22050 Hz, beside a model file.
     *
     * @param model the {@code .onnx} file
     * @return the voice
     * @throws IOException when it cannot be written
     */
    static PiperVoice voiceConfig(Path model) throws IOException {
        Files.writeString(Path.of(model + ".json"), """
                {"audio": {"sample_rate": 22050}, "espeak": {"voice": "de"}, "language": {"code": "de_DE"},
                 "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
                 "phoneme_type": "espeak", "num_speakers": 1, "speaker_id_map": {},
                 "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "a": [14]}}
                """);
        return PiperVoice.load(model, null);
    }

    /**
     * The first bytes of an ONNX model (a protobuf: IR version, producer "pytorch", the start of
     * the graph), then nothing, as a download that stopped early leaves it.
     *
     * @param file where
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path truncatedOnnx(Path file) throws IOException {
        byte[] start = {0x08, 0x07, 0x12, 0x07, 'p', 'y', 't', 'o', 'r', 'c', 'h', 0x1a, 0x05, '2', '.', '0', '.', '1',
                        0x3a, (byte) 0xf0, (byte) 0xa1, 0x06, 0x0a, 0x2c, 0x0a};
        return Files.write(file, start);
    }
}
