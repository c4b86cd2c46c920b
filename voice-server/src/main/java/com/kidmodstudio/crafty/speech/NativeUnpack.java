package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks native libraries from a jar into a folder once: the files are written into a sibling
 * folder and renamed into place with a list of their sizes ({@value #MARKER}) written last, so a
 * folder is either complete or absent, even when two processes start at once or one is killed
 * half-way. A folder whose files do not match its list is unpacked again. Owner-only on POSIX:
 * nobody else can swap a library Crafty loads.
 */
final class NativeUnpack {
    /** The list of unpacked files and sizes, the last thing written. */
    static final String MARKER = ".unpacked";
    /** Where piper-jni's espeak-ng phoneme data goes inside the folder. */
    static final String ESPEAK_DATA = "espeak-ng-data";

    /**
     * One library in a jar.
     *
     * @param resource its absolute resource path, e.g. {@code /debian-amd64/libwhisper.so.1}
     * @param target   the file name it gets in the folder
     * @param load     whether it is loaded with {@code System.load} (otherwise only present)
     */
    record Entry(String resource, String target, boolean load) {
    }

    private NativeUnpack() {
    }

    /**
     * Makes sure a folder holds the files, unpacking them when it does not.
     *
     * @param dir     the folder
     * @param anchor  a class of the jar that holds the resources
     * @param entries the libraries
     * @param zip     a zip resource to extract into {@value #ESPEAK_DATA}, or {@code null}
     * @return true when the files were unpacked now, false when they were already there
     * @throws IOException when a resource is missing or the disk cannot take the files
     */
    static boolean ensure(Path dir, Class<?> anchor, List<Entry> entries, String zip) throws IOException {
        if (complete(dir)) {
            return false;
        }
        Files.createDirectories(dir.getParent());
        Path partial = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".partial-");
        try {
            List<String> listing = new ArrayList<>();
            for (Entry entry : entries) {
                Path file = partial.resolve(entry.target());
                copy(anchor, entry.resource(), file);
                listing.add(entry.target() + " " + Files.size(file));
            }
            if (zip != null) {
                extract(anchor, zip, partial.resolve(ESPEAK_DATA));
            }
            Files.write(partial.resolve(MARKER), listing);
            ownerOnly(partial);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                if (!complete(dir)) {
                    throw raced;
                }
            }
            return true;
        } finally {
            deleteTree(partial);
        }
    }

    /**
     * Whether a folder was unpacked completely: its list exists and every file has its size.
     *
     * @param dir the folder
     * @return true when complete
     */
    static boolean complete(Path dir) {
        Path marker = dir.resolve(MARKER);
        try {
            if (!Files.isRegularFile(marker)) {
                return false;
            }
            for (String line : Files.readAllLines(marker)) {
                int space = line.lastIndexOf(' ');
                Path file = dir.resolve(line.substring(0, space));
                if (!Files.isRegularFile(file) || Files.size(file) != Long.parseLong(line.substring(space + 1))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void copy(Class<?> anchor, String resource, Path file) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the jar of " + anchor.getSimpleName() + " has no " + resource);
            }
            Files.copy(in, file);
        }
    }

    private static void extract(Class<?> anchor, String resource, Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream raw = anchor.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException("the jar of " + anchor.getSimpleName() + " has no " + resource);
            }
            try (ZipInputStream zip = new ZipInputStream(raw)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException(resource + " has an entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(zip, out);
                    }
                }
            }
        }
    }

    private static void ownerOnly(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
