package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;

/**
 * A temporary 16 kHz mono WAV of an utterance for engines that read files, with the output
 * files they write next to it ({@code <base>.txt}); {@link #close()} deletes all of them.
 */
final class TempAudio implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(TempAudio.class.getName());

    private final Path wav;

    private TempAudio(Path wav) {
        this.wav = wav;
    }

    /**
     * Writes the utterance.
     *
     * @param dir          the directory for temporary files, created when missing
     * @param pcm16kMono   the utterance
     * @return the file, to be closed
     * @throws IOException when it cannot be written
     */
    static TempAudio write(Path dir, byte[] pcm16kMono) throws IOException {
        Files.createDirectories(dir);
        Path wav = Files.createTempFile(dir, "crafty-stt-", ".wav");
        try {
            Files.write(wav, Wav.encode(PcmFormat.MONO_16K, pcm16kMono));
        } catch (IOException e) {
            Files.deleteIfExists(wav);
            throw e;
        }
        return new TempAudio(wav);
    }

    /**
     * The WAV file.
     *
     * @return its path
     */
    Path wav() {
        return wav;
    }

    /**
     * The file name without {@code .wav}, for {@code -of}; outputs named after it are deleted too.
     *
     * @return the base path
     */
    Path base() {
        String name = wav.getFileName().toString();
        return wav.resolveSibling(name.substring(0, name.length() - 4));
    }

    @Override
    public void close() {
        for (Path p : new Path[] {wav, Path.of(base() + ".txt"), Path.of(base() + ".json")}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "cannot delete " + p, e);
            }
        }
    }
}
