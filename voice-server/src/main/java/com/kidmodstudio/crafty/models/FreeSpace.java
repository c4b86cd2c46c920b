package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes may still be written to the file system of a directory. Tests inject a small
 * number to see {@code disk_full} without filling a disk.
 */
@FunctionalInterface
public interface FreeSpace {
    /**
     * The usable space.
     *
     * @param directory a directory on the file system in question
     * @return bytes that can be written
     * @throws IOException when the file system cannot be asked
     */
    long usable(Path directory) throws IOException;

    /**
     * The file system's own answer.
     *
     * @return the probe
     */
    static FreeSpace fileStore() {
        return directory -> Files.getFileStore(directory).getUsableSpace();
    }
}
