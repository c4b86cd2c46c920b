package com.kidmodstudio.crafty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.testing.SidecarProcess;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The sidecar started with umask 022, as a parent's desktop session runs it: the data directory,
 * its {@code logs/}, the history with its {@code -wal} and {@code -shm}, and the log files are
 * readable by this account only, also when an older Crafty left them world-readable.
 */
class OwnerOnlyFilesTest {
    @TempDir
    Path home;

    @Test
    void data_directory_history_and_logs_are_owner_only_under_umask_022() throws Exception {
        Path data = home.resolve("crafty");
        Files.createDirectories(data.resolve("logs"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("logs").resolve("crafty-1.log"), "{\"msg\":\"from an older Crafty\"}\n");
        Files.setPosixFilePermissions(data.resolve("logs").resolve("crafty-1.log"), PosixFilePermissions.fromString("rw-r--r--"));

        try (SidecarProcess sidecar = SidecarProcess.builder().umask("022")
                .env(Map.of("XDG_DATA_HOME", home.toString(), "OLLAMA_URL", "http://127.0.0.1:9", "TTS_ENGINE", "none",
                            "STT_ENGINE", "none"))
                .start()) {
            sidecar.awaitListening(Duration.ofSeconds(90));
            assertThat(mode(data), is("rwx------"));
            assertThat(mode(data.resolve("logs")), is("rwx------"));
            for (String file : List.of("crafty.db", "crafty.db-wal", "crafty.db-shm", "logs/crafty-0.log",
                                       "logs/crafty-0.log.lck", "logs/crafty-1.log")) {
                assertThat(file, mode(data.resolve(file)), is("rw-------"));
            }
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
