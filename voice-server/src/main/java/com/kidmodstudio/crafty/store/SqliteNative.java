package com.kidmodstudio.crafty.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.sqlite.util.LibraryLoaderUtil;

import com.kidmodstudio.crafty.config.OwnerOnly;

/**
 * Where sqlite-jdbc's native library lives. Left alone, sqlite-jdbc copies its 1 MB library into
 * the temporary directory under a new name at every start and deletes it only when the JVM exits
 * normally, so every {@code kill -9} (a crash, the studio app killing its sidecar) left one
 * behind. Instead the library is copied once into {@code <data>/native/sqlite-<hash>/}, reused by
 * every later start, and sqlite-jdbc is pointed there ({@code org.sqlite.lib.path},
 * {@code org.sqlite.lib.name}). Folders of older versions are removed. When that folder cannot be
 * written, sqlite-jdbc extracts the library itself, as before.
 *
 * <p>Wherever the library comes from, sqlite-jdbc lists its "temporary directory" before loading
 * it, for copies an earlier extraction left there. That is the system's temporary directory unless
 * {@code org.sqlite.tmpdir} says otherwise, and on a child's computer it may hold thousands of
 * files (it cost about 10 ms of each start on a Linux machine with a busy {@code /tmp}). When the
 * library is loaded from a folder of its own, that folder is the one listed.
 */
public final class SqliteNative {
    private static final Logger LOGGER = Logger.getLogger(SqliteNative.class.getName());
    private static final String PREFIX = "sqlite-";

    private SqliteNative() {
    }

    /**
     * Puts the library for this platform into a folder and tells sqlite-jdbc to load it from
     * there. Call before anything opens a database; does nothing when {@code org.sqlite.lib.path}
     * is already set (by a packager).
     *
     * @param folder e.g. {@code ~/.local/share/crafty/native}
     * @return the library file, or {@code null} when sqlite-jdbc will extract it itself
     */
    public static Path install(Path folder) {
        String given = System.getProperty("org.sqlite.lib.path");
        if (given != null) {
            listOnly(given);
            return null;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] library = in.readAllBytes();
            String version = PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library), 0, 8);
            Path home = OwnerOnly.folder(folder.resolve(version));
            Path file = home.resolve(name);
            if (!Files.isRegularFile(file) || Files.size(file) != library.length) {
                Path part = Files.createTempFile(home, name, ".part");
                Files.write(part, library);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("org.sqlite.lib.path", home.toString());
            System.setProperty("org.sqlite.lib.name", name);
            listOnly(home.toString());
            removeOthers(folder, version);
            return file;
        } catch (IOException | NoSuchAlgorithmException e) {
            LOGGER.warning(() -> "cannot keep SQLite's native library in " + folder + " (" + e
                    + "); it is extracted to the temporary directory at every start");
            return null;
        }
    }

    /** Points sqlite-jdbc's search for its leftovers at the library's folder, unless set already. */
    private static void listOnly(String libraryFolder) {
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", libraryFolder);
        }
    }

    /** Older versions' folders; a library still loaded by another process may refuse (Windows). */
    private static void removeOthers(Path folder, String current) {
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(folder, PREFIX + "*")) {
            for (Path version : versions) {
                if (!version.getFileName().toString().equals(current)) {
                    delete(version);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot list " + folder, e);
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot remove the old SQLite library in " + tree, e);
        }
    }
}
