package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One sidecar process started the way the studio app starts it: a free port on 127.0.0.1, a
 * fresh token, {@code SIDECAR_STDIN=true} with a pipe kept open, and only the variables it is
 * given (no inherited {@code JAVA_TOOL_OPTIONS} and the like). Its conversation store and log
 * files go to a fresh temporary directory, removed when it is closed, never the user's own. {@link #readyNanos()} is the time
 * from {@link ProcessBuilder#start()} to the first {@code 200} from {@code /status}; closing
 * stops it as the app does, by closing its standard input.
 */
public final class Sidecar implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> BASICS = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "XDG_RUNTIME_DIR");

    private final Process process;
    private final int port;
    private final String token;
    private final Path log;
    private final Path data;
    private final long readyNanos;

    private Sidecar(Process process, int port, String token, Path log, Path data, long readyNanos) {
        this.process = process;
        this.port = port;
        this.token = token;
        this.log = log;
        this.data = data;
        this.readyNanos = readyNanos;
    }

    /**
     * Starts a sidecar and waits until {@code /status} answers {@code 200}.
     *
     * @param command  the launcher and its arguments, e.g. {@code [java, -jar, voice-server.jar]}
     * @param settings the sidecar's configuration variables (OLLAMA_URL, PIPER_BIN, …)
     * @param log      where its standard output and error go
     * @param timeout  how long it may take to become ready
     * @return the ready sidecar
     * @throws IOException when it cannot be started or exits before it is ready
     */
    public static Sidecar start(List<String> command, Map<String, String> settings, Path log, Duration timeout)
            throws IOException {
        int port = freePort();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> env = new LinkedHashMap<>();
        BASICS.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        });
        Path data = Files.createTempDirectory("crafty-sidecar-");
        env.put("STORE_PATH", data.resolve("crafty.db").toString());
        env.put("LOG_DIR", data.resolve("logs").toString());
        env.putAll(settings);
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("PORT", Integer.toString(port)); // the seed's server, the benchmark's peer, reads PORT
        env.put("CRAFTY_TOKEN", token);
        env.put("SIDECAR_STDIN", "true");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long ready = Readiness.await(process, port, token, started + timeout.toNanos()) - started;
            return new Sidecar(process, port, token, log, data, ready);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            delete(data);
            throw e;
        }
    }

    /** @return a port that was free a moment ago on 127.0.0.1 */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return nanoseconds from process start to the first 200 from /status */
    public long readyNanos() {
        return readyNanos;
    }

    /** @return the per-launch token */
    public String token() {
        return token;
    }

    /** @return the process id (the JVM itself: the launcher {@code exec}s it) */
    public long pid() {
        return process.pid();
    }

    /** @return where its output goes */
    public Path log() {
        return log;
    }

    /**
     * A URI on this sidecar.
     *
     * @param scheme {@code http} or {@code ws}
     * @param path   e.g. {@code /chat}
     * @return the URI
     */
    public URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    /**
     * Its resident set size now, from {@code /proc/<pid>/status}.
     *
     * @return VmRSS in KiB
     * @throws IOException when the process is gone or /proc cannot be read
     */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid());
    }

    /**
     * A {@code GET /status} with the token.
     *
     * @return the status code
     * @throws IOException when the request fails
     */
    public int status() throws IOException {
        return get("/status");
    }

    /**
     * A {@code GET} with the token; the body is read and dropped.
     *
     * @param path e.g. {@code /metrics}
     * @return the status code
     * @throws IOException when the request fails
     */
    public int get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri("http", path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Stops it as the studio app does: closes its standard input and waits; kills it if it has
     * not exited after the timeout.
     *
     * @param timeout how long to wait for it to exit by itself
     * @return its exit status, or -1 when it had to be killed
     */
    public int stop(Duration timeout) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(10));
        }
        delete(data);
    }

    /**
     * Deletes a directory and everything in it, as far as it can.
     *
     * @param dir the directory
     */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the system cleans it up eventually
        }
    }
}
