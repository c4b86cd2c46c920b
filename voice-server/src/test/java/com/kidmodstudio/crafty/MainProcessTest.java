package com.kidmodstudio.crafty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The sidecar as a real process: configuration errors, a taken port and the stdin watch behave
 * as the studio app and a person at a terminal expect.
 */
class MainProcessTest {
    /** A {@code logging.properties} that sends every record of every logger to standard error. */
    private static final String LOG_EVERYTHING = """
            handlers=java.util.logging.ConsoleHandler
            java.util.logging.ConsoleHandler.level=ALL
            .level=ALL
            """;

    private static Process start(Map<String, String> env) throws IOException {
        return start(env, null);
    }

    private static Process start(Map<String, String> env, Path workingDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", // as the jar's manifest and the launcher allow it
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        // the history stays in memory: a test never writes to the user's data directory
        builder.environment().put("STORE_PATH", ":memory:");
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        return builder.start();
    }

    private static String stderrOf(Process process) throws Exception {
        assertThat("exits in time", process.waitFor(20, TimeUnit.SECONDS), is(true));
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void invalid_port_stops_startup_with_one_line_naming_the_key() throws Exception {
        Process process = start(Map.of("SERVER_PORT", "eighty"));
        String stderr = stderrOf(process);
        assertThat(process.exitValue(), is(Main.EXIT_CONFIG));
        assertThat(stderr.strip().lines().toList().size(), is(1));
        assertThat(stderr, startsWith("Invalid configuration server.port (SERVER_PORT) = \"eighty\""));
    }

    @Test
    void unknown_provider_and_malformed_url_name_their_keys() throws Exception {
        Process provider = start(Map.of("SERVER_PORT", "0", "LLM_PROVIDER", "skynet"));
        String stderr = stderrOf(provider);
        assertThat(provider.exitValue(), is(Main.EXIT_CONFIG));
        assertThat(stderr, containsString("llm.provider (LLM_PROVIDER)"));

        Process url = start(Map.of("SERVER_PORT", "0", "OLLAMA_URL", "ftp://nowhere"));
        stderr = stderrOf(url);
        assertThat(url.exitValue(), is(Main.EXIT_CONFIG));
        assertThat(stderr, containsString("ollama.url (OLLAMA_URL)"));
        assertThat(stderr.strip().lines().count(), is(1L));
    }

    @Test
    void configuration_files_in_the_working_directory_are_not_read(@TempDir Path dir) throws Exception {
        // Helidon's default sources would take these over the embedded defaults
        Files.writeString(dir.resolve("application.properties"), "server.port=eighty\n");
        Files.writeString(dir.resolve("application.yaml"), "server:\n  port: eighty\n");
        // and Helidon's logging set-up would read this one, writing every log record of the start to stderr
        Files.writeString(dir.resolve("logging.properties"), LOG_EVERYTHING);
        Process process = start(Map.of("LLM_PROVIDER", "skynet"), dir);
        String stderr = stderrOf(process);
        assertThat(process.exitValue(), is(Main.EXIT_CONFIG));
        assertThat(stderr, startsWith("Invalid configuration llm.provider (LLM_PROVIDER)"));
    }

    @Test
    void taken_port_exits_with_a_clear_message() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process process = start(Map.of("SERVER_PORT", String.valueOf(taken.getLocalPort())));
            String stderr = stderrOf(process);
            assertThat(process.exitValue(), is(Main.EXIT_PORT_IN_USE));
            assertThat(stderr, containsString("already in use"));
        }
    }

    @Test
    void exits_when_stdin_closes_and_requires_the_token(@TempDir Path dir) throws Exception {
        // Helidon configures java.util.logging from such a file when the web server registers its
        // shutdown hook, unless told not to: the sidecar's JSON log must survive the whole run
        Files.writeString(dir.resolve("logging.properties"), LOG_EVERYTHING);
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String token = "0123456789abcdef0123456789abcdef";
        Process process = start(Map.of("SERVER_PORT", String.valueOf(port), "SIDECAR_STDIN", "true",
                                       "CRAFTY_TOKEN", token, "LOG_DIR", "off"), dir);
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI status = URI.create("http://127.0.0.1:" + port + "/status");
            int code = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                try {
                    code = client.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + token).build(),
                                       HttpResponse.BodyHandlers.discarding()).statusCode();
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(code, is(200));
            assertThat(client.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding())
                               .statusCode(), is(401));
            process.getOutputStream().close();
            assertThat("sidecar exits after stdin closed", process.waitFor(10, TimeUnit.SECONDS), is(true));
            assertThat(List.of(0, 130, 143).contains(process.exitValue()), is(true));
            List<String> log = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(log.stream().filter(line -> line.contains("Crafty voice server listening on")).count(), is(1L));
            assertThat(log.stream().filter(line -> line.contains("standard input closed")).count(), is(1L));
            for (String line : log) {
                assertThat(line, startsWith("{\"ts\":"));
            }
        } finally {
            process.destroyForcibly();
        }
    }

}
