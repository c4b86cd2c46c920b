package com.kidmodstudio.crafty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        Process sidecar = start();
        try {
            awaitStatus();
            assertThat(mode(data), is("rwx------"));
            assertThat(mode(data.resolve("logs")), is("rwx------"));
            for (String file : List.of("crafty.db", "crafty.db-wal", "crafty.db-shm", "logs/crafty-0.log",
                                       "logs/crafty-0.log.lck", "logs/crafty-1.log")) {
                assertThat(file, mode(data.resolve(file)), is("rw-------"));
            }
        } finally {
            sidecar.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private int port;

    private Process start() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "umask 022 && exec \"$0\" -cp \"$1\" \"$2\"", java,
                                                    System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().put("XDG_DATA_HOME", home.toString());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("OLLAMA_URL", "http://127.0.0.1:9");
        builder.environment().put("TTS_ENGINE", "none");
        builder.environment().put("STT_ENGINE", "none");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private void awaitStatus() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                assertThat(client.send(status, HttpResponse.BodyHandlers.discarding()).statusCode(), is(200));
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
