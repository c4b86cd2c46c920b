package com.kidmodstudio.crafty.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps a child's files to the account that runs Crafty: folders {@code 0700} and files
 * {@code 0600} on file systems with POSIX modes (Linux, macOS), whatever the umask, both when
 * they are created and when they already exist with wider modes. On Windows (no POSIX modes) it
 * changes nothing: files under {@code %APPDATA%} inherit that folder's ACLs, which already give
 * only the user, administrators and the system access.
 */
public final class OwnerOnly {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * Creates a folder (and missing parents) owner-only; an existing one is narrowed to owner-only.
     * Use it only for folders that are Crafty's own.
     *
     * @param folder the folder
     * @return the folder
     * @throws IOException when it cannot be created or its mode cannot be set
     */
    public static Path folder(Path folder) throws IOException {
        if (!posix(folder)) {
            return Files.createDirectories(folder);
        }
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        narrow(folder, FOLDER);
        return folder;
    }

    /**
     * Creates a folder that may be someone else's (a configured location) when it is missing,
     * owner-only; leaves an existing one as it is.
     *
     * @param folder the folder
     * @return the folder
     * @throws IOException when it cannot be created
     */
    public static Path folderIfMissing(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        return folder(folder);
    }

    /**
     * Creates an empty file owner-only when it is missing; narrows an existing one.
     *
     * @param file the file
     * @throws IOException when it cannot be created or its mode cannot be set
     */
    public static void file(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getParent())) {
            return;
        }
        try {
            Files.createFile(file, attribute());
        } catch (FileAlreadyExistsException e) {
            narrow(file, FILE);
        }
    }

    /**
     * Narrows a file to owner-only if it exists; a missing file is left missing.
     *
     * @param file the file
     * @throws IOException when its mode cannot be set
     */
    public static void existing(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && posix(file)) {
            narrow(file, FILE);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!Files.getPosixFilePermissions(path).equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    private static boolean posix(Path near) {
        Path probe = near == null ? Path.of("").toAbsolutePath() : near;
        return probe.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
    }
}
