package com.kidmodstudio.crafty.speech;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds engine executables: a configured path, or a name looked up on {@code PATH}. */
final class Executables {
    private Executables() {
    }

    /**
     * Resolves an executable.
     *
     * @param configured a path or bare name from the configuration; empty for the default
     * @param fallback   the name to look up on {@code PATH} when nothing is configured
     * @return the executable file, when it exists and may be executed
     */
    static Optional<Path> find(String configured, String fallback) {
        String wanted = configured == null || configured.isBlank() ? fallback : configured.strip();
        if (wanted == null || wanted.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (wanted.contains(File.separator)) {
                Path path = Path.of(wanted).toAbsolutePath();
                return runnable(path) ? Optional.of(path) : Optional.empty();
            }
            String searchPath = System.getenv("PATH");
            if (searchPath == null) {
                return Optional.empty();
            }
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, wanted);
                    if (runnable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Whether a configured file exists and can be read.
     *
     * @param value a path from the configuration, possibly empty
     * @return the path when usable
     */
    static Optional<Path> readable(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value.strip()).toAbsolutePath();
            return Files.isRegularFile(path) && Files.isReadable(path) ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean runnable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
