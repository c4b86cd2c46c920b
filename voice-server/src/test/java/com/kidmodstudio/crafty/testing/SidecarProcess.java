package com.kidmodstudio.crafty.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.kidmodstudio.crafty.Main;

/**
 * The sidecar as a real process of the test's JVM and class path, as the studio app starts it:
 * on a port of its own (or a given one, to start again where a killed one listened), with the
 * environment the test sets. Closing it kills it.
 */
public final class SidecarProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private SidecarProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A new way to start one.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A loopback port nobody listens on now.
     *
     * @return the port
     * @throws IOException when no port can be had
     */
    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /**
     * @return the port it listens on
     */
    public int port() {
        return port;
    }

    /**
     * @return the process itself (its stdin, exit value)
     */
    public Process process() {
        return process;
    }

    /**
     * Waits until {@code /status} answers (with any status code).
     *
     * @param within how long it may take
     * @return this
     * @throws Exception when it does not listen in time, or died first
     */
    public SidecarProcess awaitListening(Duration within) throws Exception {
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                HTTP.send(status, HttpResponse.BodyHandlers.discarding());
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("the sidecar exited with " + process.exitValue() + " before it listened");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the sidecar did not start listening on " + port + " within " + within);
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Kills it with SIGKILL, as a native crash or the task manager would, and waits for it.
     *
     * @return the exit value (137 where signals exist)
     * @throws InterruptedException when interrupted while waiting
     */
    public int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the sidecar did not die within 20 s of SIGKILL");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** How to start it: environment, JVM options, umask, port. */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        private String umask;
        private int port;
        private ProcessBuilder.Redirect output = ProcessBuilder.Redirect.DISCARD;

        private Builder() {
        }

        /**
         * @param key an environment variable
         * @param value its value
         * @return this
         */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /**
         * @param values environment variables
         * @return this
         */
        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /**
         * @param option a JVM option such as {@code -Djava.io.tmpdir=…}
         * @return this
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * @param mask the umask the process starts with, such as {@code 022}
         * @return this
         */
        public Builder umask(String mask) {
            this.umask = mask;
            return this;
        }

        /**
         * @param fixed the port to listen on (0, the default: a free one)
         * @return this
         */
        public Builder port(int fixed) {
            this.port = fixed;
            return this;
        }

        /**
         * @param to where stdout and stderr go together (default: discarded)
         * @return this
         */
        public Builder output(ProcessBuilder.Redirect to) {
            this.output = to;
            return this;
        }

        /**
         * Starts it.
         *
         * @return the running process
         * @throws IOException when it cannot be started
         */
        public SidecarProcess start() throws IOException {
            int listen = port != 0 ? port : freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            if (umask != null) {
                List<String> shell = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
                shell.addAll(command);
                command = shell;
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", String.valueOf(listen));
            builder.redirectErrorStream(true).redirectOutput(output);
            return new SidecarProcess(builder.start(), listen);
        }
    }
}
