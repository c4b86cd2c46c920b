package com.kidmodstudio.crafty.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.observe.LogSetup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Slow and aborted HTTP requests over raw sockets: a request whose headers do not arrive within
 * {@code limits.headers} is closed, and many aborted requests fill the log with a few lines, not
 * one warning each.
 */
class SlowRequestTest {
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() {
        LogSetup.install(Config.just(ConfigSources.create(Map.of("log.dir", "off"))).get("log"));
        server = TestCrafty.start(Map.of("tts.engine", "none", "stt.engine", "none", "ollama.url", "http://127.0.0.1:9",
                                         "limits.headers", "1s"));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void a_request_whose_headers_stop_arriving_is_closed_within_the_timeout() throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(15_000);
            write(socket, "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever the server answers, it must end the connection
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat("closed after " + millis + " ms", millis, lessThan(10_000L));
        }
    }

    @Test
    void a_complete_request_is_answered_as_before() throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(15_000);
            write(socket, "GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(statusLine(socket.getInputStream()), is("HTTP/1.1 404 Not Found"));
        }
    }

    @Test
    void two_hundred_aborted_requests_leave_a_few_log_lines() throws IOException {
        int before = helidonLines().size();
        for (int i = 0; i < 200; i++) {
            try (Socket socket = connect()) {
                socket.setSoLinger(true, 0);
                write(socket, "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Cut: ");
            }
        }
        try (Socket socket = connect()) {
            socket.setSoTimeout(15_000);
            write(socket, "GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat("the server still answers", statusLine(socket.getInputStream()), is("HTTP/1.1 404 Not Found"));
        }
        List<String> lines = helidonLines();
        assertThat(lines.subList(before, lines.size()).toString(), lines.size() - before, lessThanOrEqualTo(3));
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    private static List<String> helidonLines() {
        return LogSetup.recentLines().stream().filter(line -> line.contains("io.helidon")).toList();
    }

    private static Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.port());
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
