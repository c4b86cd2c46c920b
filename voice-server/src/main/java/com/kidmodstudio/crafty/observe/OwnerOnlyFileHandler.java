package com.kidmodstudio.crafty.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;

import com.kidmodstudio.crafty.config.OwnerOnly;

/**
 * The JDK's rotating {@link FileHandler} whose files are owner-only ({@code 0600}) however the
 * umask is set. {@code FileHandler} creates each file with the umask's mode and then hands its
 * stream to {@link #setOutputStream}, before anything is written to it; that is where the new
 * file (and its lock file) is narrowed, at start and after every rotation.
 */
final class OwnerOnlyFileHandler extends FileHandler {
    private final Path folder;
    private final String prefix;

    /**
     * Opens the files {@code <prefix>0.log} ... in a folder, appending to the newest.
     *
     * @param folder the log folder
     * @param prefix the file names' start, e.g. {@code crafty-}
     * @param size   bytes per file before it rotates
     * @param files  files kept
     * @throws IOException when the files cannot be opened
     */
    OwnerOnlyFileHandler(Path folder, String prefix, int size, int files) throws IOException {
        super(folder.resolve(prefix + "%g.log").toString(), size, files, true);
        this.folder = folder;
        this.prefix = prefix;
        narrowFiles();
    }

    @Override
    protected synchronized void setOutputStream(OutputStream out) {
        // null while FileHandler's own constructor opens the first file; narrowed right after it
        if (folder != null) {
            narrowFiles();
        }
        super.setOutputStream(out);
    }

    private void narrowFiles() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, prefix + "*")) {
            for (Path file : files) {
                OwnerOnly.existing(file);
            }
        } catch (IOException e) {
            reportError("cannot make the log files owner-only", e, ErrorManager.OPEN_FAILURE);
        }
    }
}
