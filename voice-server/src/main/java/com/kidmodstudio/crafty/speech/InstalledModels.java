package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.config.UserDataDir;

/**
 * Finds the speech models installed in the models directory ({@code models.dir}; empty means
 * {@code models/} in the user data directory, where the model manager installs them), one file
 * per model, each file renamed into place only when complete:
 * <ul>
 *   <li>a recogniser is a whisper.cpp ggml file {@code ggml-<name>.bin}; an English-only one
 *       ({@code ggml-base.en.bin}) is taken only when Crafty speaks English;</li>
 *   <li>a voice is a Piper {@code <lang>_<REGION>-<name>-<quality>.onnx} with its
 *       {@code .onnx.json} beside it; only a voice whose {@code language.code} is Crafty's
 *       language is taken.</li>
 * </ul>
 * A name configured in {@code speech.whisper} / {@code speech.piper} wins; otherwise the most
 * recently installed fitting file, so the model a parent installed last is the one in use.
 */
public final class InstalledModels {
    private InstalledModels() {
    }

    /**
     * The models directory.
     *
     * @param root the root configuration
     * @return the directory (perhaps not there yet)
     */
    public static Path dir(Config root) {
        String dir = Settings.string(root.get("models"), "dir", "");
        return (dir.isEmpty() ? UserDataDir.resolve().resolve("models") : Path.of(dir)).toAbsolutePath();
    }

    /**
     * The whisper model to load.
     *
     * @param dir        the models directory
     * @param configured a file name in it, or empty to choose
     * @param language   Crafty's language
     * @return the file, or empty when none fits
     */
    public static Optional<Path> whisper(Path dir, String configured, String language) {
        if (!configured.isEmpty()) {
            return Optional.of(dir.resolve(configured)).filter(Files::isRegularFile);
        }
        return newestFirst(dir, "ggml-", ".bin").stream()
                .filter(file -> "en".equals(language) || !WhisperCppSpeechToText.englishOnly(file.getFileName().toString()))
                .findFirst();
    }

    /**
     * The Piper voice to load.
     *
     * @param dir        the models directory
     * @param configured a {@code .onnx} file name in it, or empty to choose
     * @param language   Crafty's language
     * @return the voice, or empty when none fits
     */
    public static Optional<PiperVoice> piper(Path dir, String configured, String language) {
        List<Path> candidates = configured.isEmpty() ? newestFirst(dir, "", ".onnx") : List.of(dir.resolve(configured));
        for (Path file : candidates) {
            try {
                PiperVoice voice = PiperVoice.load(file, null);
                if (Files.isRegularFile(file) && speaks(voice).equals(language)) {
                    return Optional.of(voice);
                }
            } catch (IOException | RuntimeException e) {
                // no config beside it, or not a voice: not a candidate
            }
        }
        return Optional.empty();
    }

    /**
     * The language a voice speaks, from its {@code language.code} ({@code de_DE} is {@code de}).
     *
     * @param voice the voice
     * @return the ISO 639-1 code, or empty when its config does not say
     */
    public static String speaks(PiperVoice voice) {
        String code = voice.language().toLowerCase(Locale.ROOT);
        int cut = code.indexOf('_');
        return cut < 0 ? code : code.substring(0, cut);
    }

    private static List<Path> newestFirst(Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(InstalledModels::modified).reversed()
                                    .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
