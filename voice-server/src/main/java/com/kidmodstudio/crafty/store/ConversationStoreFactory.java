package com.kidmodstudio.crafty.store;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.OwnerOnly;
import com.kidmodstudio.crafty.config.Settings;

/**
 * Opens the conversation store configured under {@code store}: the SQLite file at
 * {@code store.path} ({@code STORE_PATH}; empty means the user's data directory, see
 * {@link DataDirectory}; {@code :memory:} keeps it in memory, for tests). When the file cannot be
 * used (locked, damaged, not writable, from a newer Crafty), Crafty still starts: the problem is
 * logged as one line naming the file, chats are kept in memory, and {@code /status} carries the
 * warning. The file, its {@code -wal} and {@code -shm}, and the default folder are owner-only
 * (see {@link OwnerOnly}).
 */
public final class ConversationStoreFactory {
    private static final Logger LOGGER = Logger.getLogger(ConversationStoreFactory.class.getName());
    private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private ConversationStoreFactory() {
    }

    /**
     * Opens the store, or the in-memory fallback.
     *
     * @param store    the {@code store} subtree
     * @param capacity most sessions the in-memory fallback keeps
     * @param language the language new sessions are in
     * @param model    the model new sessions are for, or {@code null}
     * @param clock    the clock for timestamps
     * @return the store; never {@code null}
     */
    public static ConversationStore create(Config store, int capacity, String language, String model, Clock clock) {
        String configured = Settings.string(store, "path", "");
        String path = location(configured);
        Duration wait = Settings.duration(store, "wait", Duration.ofSeconds(5));
        try {
            if (!SqliteDatabase.MEMORY.equals(path)) {
                ownerOnly(Path.of(path), configured.isEmpty());
            }
            return SqliteConversationStore.open(path, wait, language, model, clock);
        } catch (StoreException e) {
            String warning = e.getMessage() + ". Chats are kept in memory only until Crafty stops.";
            LOGGER.severe(warning);
            return new MemoryConversationStore(capacity, language, model, clock, path, warning);
        }
    }

    /**
     * The database location for a configured value.
     *
     * @param configured the {@code store.path} value
     * @return {@code :memory:} or an absolute file path
     */
    public static String location(String configured) {
        if (SqliteDatabase.MEMORY.equals(configured)) {
            return configured;
        }
        try {
            Path path = configured.isEmpty() ? DataDirectory.defaultDatabase() : Path.of(configured);
            return path.toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new ConfigProblem("store.path", configured, "expected a file path, or :memory:");
        }
    }

    /**
     * Creates the folder, and the file before SQLite does, owner-only: SQLite gives its {@code -wal}
     * and {@code -shm} files the mode of the database file. Files left wider by an older Crafty are
     * narrowed. The folder is narrowed only when it is Crafty's own (the default location).
     */
    private static void ownerOnly(Path file, boolean ownFolder) {
        Path folder = file.getParent();
        try {
            if (folder != null) {
                if (ownFolder) {
                    OwnerOnly.folder(folder);
                } else {
                    OwnerOnly.folderIfMissing(folder);
                }
            }
        } catch (IOException e) {
            throw new StoreException("The conversation history " + file + " cannot be used: its folder cannot be created ("
                                             + e + ")", e);
        }
        try {
            OwnerOnly.file(file);
            for (String suffix : SIDE_FILES) {
                OwnerOnly.existing(Path.of(file + suffix));
            }
        } catch (IOException e) {
            // SQLite says more precisely whether the file can be used at all
            LOGGER.warning("cannot make " + file + " readable by this account only: " + e);
        }
    }
}
