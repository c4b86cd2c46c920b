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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A sidecar killed with {@code kill -9} leaves nothing in the temporary directory: SQLite's
 * native library is kept once in the data directory and reused by the next start.
 */
class NativeLibraryProcessTest {
    @TempDir
    Path tmp;
    @TempDir
    Path home;

    @Test
    void killed_sidecars_leave_nothing_in_the_temporary_directory_and_share_one_library() throws Exception {
        for (int run = 0; run < 2; run++) {
            Process sidecar = start();
            try {
                awaitStatus();
            } finally {
                sidecar.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            assertThat("run " + run, files(tmp), is(empty()));
        }
        assertThat(files(home.resolve("crafty").resolve("native")), hasSize(1));
    }

    private int port;

    private Process start() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                    "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                                                    Main.class.getName());
        builder.environment().put("XDG_DATA_HOME", home.toString());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("OLLAMA_URL", "http://127.0.0.1:9");
        builder.environment().put("TTS_ENGINE", "none");
        builder.environment().put("STT_ENGINE", "none");
        builder.environment().put("LOG_DIR", "off");
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

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
