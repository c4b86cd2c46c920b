package com.kidmodstudio.crafty.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.kidmodstudio.crafty.TestCrafty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * A WebSocket handshake to a path that has no socket route is an ordinary 404 over a real
 * socket, and nothing is logged as a warning.
 */
class UnknownUpgradeTest {
    private static final Logger ROOT = Logger.getLogger("");
    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                WARNINGS.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() {
        server = TestCrafty.start(Map.of("tts.engine", "none", "stt.engine", "none", "ollama.url", "http://127.0.0.1:9"));
        ROOT.addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        ROOT.removeHandler(CAPTURE);
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/chat/", "/history", "/voice", "/status"})
    void an_upgrade_to_a_path_without_a_socket_route_is_not_found_without_a_warning(String path) throws IOException {
        WARNINGS.clear();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(path, statusLine(socket.getInputStream()), is("HTTP/1.1 404 Not Found"));
        }
        assertThat(WARNINGS, is(empty()));
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
