package com.kidmodstudio.crafty.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.kidmodstudio.crafty.audio.Resampler;
import com.kidmodstudio.crafty.audio.Wav;

/**
 * Real human speech for tests: the voice recordings Debian's alsa-utils ships.
 */
public final class Speech {
    /** "Front Center", spoken by a person; 48 kHz mono. */
    public static final Path FRONT_CENTER = Path.of("/usr/share/sounds/alsa/Front_Center.wav");

    private Speech() {
    }

    /**
     * The 30-byte binary frame that once closed the audio routes with 1011: a RIFF/WAVE header
     * whose {@code LIST} chunk claims 1000 bytes, then only 10 zero bytes.
     *
     * @return a new copy of the frame
     */
    public static byte[] truncatedWav() {
        byte[] head = {'R', 'I', 'F', 'F', (byte) 0xff, (byte) 0xff, 0, 0, 'W', 'A', 'V', 'E',
            'L', 'I', 'S', 'T', (byte) 0xe8, 0x03, 0, 0};
        return java.util.Arrays.copyOf(head, 30);
    }

    /**
     * A recording as it is on disk.
     *
     * @param file the WAV file
     * @return its bytes
     */
    public static byte[] wavFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A recording as 16 kHz mono PCM.
     *
     * @param file the WAV file
     * @return the samples
     */
    public static byte[] pcm16k(Path file) {
        Wav wav = Wav.parse(wavFile(file));
        return Resampler.toMono16k(wav.pcm(), wav.format());
    }
}
