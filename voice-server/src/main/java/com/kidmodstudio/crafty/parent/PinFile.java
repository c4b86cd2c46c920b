package com.kidmodstudio.crafty.parent;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Properties;

/**
 * Where the parent PIN's hash and its lock are kept: a small file readable by its owner only
 * ({@code parent-pin} next to the conversation history), or memory when the history is in memory.
 * Deleting the file resets the PIN.
 */
public final class PinFile {
    /** The file's name in the data directory. */
    public static final String NAME = "parent-pin";

    private final Path path;
    private State memory = new State(null, 0, null);

    private PinFile(Path path) {
        this.path = path;
    }

    /**
     * A PIN file on disk.
     *
     * @param path the file
     * @return the PIN file
     */
    public static PinFile at(Path path) {
        return new PinFile(path);
    }

    /**
     * A PIN kept in memory until Crafty stops.
     *
     * @return the PIN file
     */
    public static PinFile inMemory() {
        return new PinFile(null);
    }

    /**
     * The file, or {@code null} in memory.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Deletes the file: the next parent sets a new PIN.
     *
     * @return whether there was a PIN to delete
     */
    public synchronized boolean reset() {
        if (path == null) {
            boolean had = memory.hash() != null;
            memory = new State(null, 0, null);
            return had;
        }
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    synchronized State read() {
        if (path == null) {
            return memory;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return new State(null, 0, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        String until = properties.getProperty("lockedUntil", "");
        try {
            return new State(properties.getProperty("hash"), Integer.parseInt(properties.getProperty("failures", "0")),
                             until.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(until)));
        } catch (NumberFormatException e) {
            // a hand-edited lock is ignored, the hash stays
            return new State(properties.getProperty("hash"), 0, null);
        }
    }

    synchronized void write(State state) {
        if (path == null) {
            memory = state;
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("hash", state.hash());
        properties.setProperty("failures", Integer.toString(state.failures()));
        properties.setProperty("lockedUntil", state.lockedUntil() == null ? "" : Long.toString(state.lockedUntil().toEpochMilli()));
        try {
            Path folder = path.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, NAME, ".tmp");
            ownerOnly(temporary);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Crafty parent PIN (a PBKDF2 hash, never the PIN). Delete this file to reset the PIN.");
            }
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the file is in the user's own profile folder
        }
    }

    /**
     * What the file holds.
     *
     * @param hash        the PIN's hash, or {@code null} when none is set
     * @param failures    wrong tries since the last right one
     * @param lockedUntil when the current lock ends, or {@code null}
     */
    record State(String hash, int failures, Instant lockedUntil) {
    }
}
