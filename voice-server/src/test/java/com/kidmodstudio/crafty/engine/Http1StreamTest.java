package com.kidmodstudio.crafty.engine;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed request's own HTTP/1.1 connection, against a server socket that writes exactly
 * the bytes each test gives it, in the pieces and at the moments the test chooses.
 */
class Http1StreamTest {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final long WAIT_S = 30;

    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void sends_one_request_with_its_headers_and_body_and_asks_to_close() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        serve(socket -> {
            received.complete(readRequest(socket.getInputStream()));
            write(socket, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        });
        byte[] body = "{\"model\":\"m\",\"text\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8);
        try (Http1Stream stream = new Http1Stream(uri("/api/chat?x=1"))) {
            stream.send("POST", Map.of("Authorization", "Bearer geheim"), body, CONNECT);
            assertEquals(204, stream.status());
            assertEquals(-1, stream.body().read());
        }
        String request = received.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(request, startsWith("POST /api/chat?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n"));
        assertThat(request, containsString("\r\nAuthorization: Bearer geheim\r\n"));
        assertThat(request, containsString("\r\nContent-Length: " + body.length + "\r\n"));
        assertThat(request, containsString("\r\nConnection: close\r\n\r\n"));
        assertTrue(request.endsWith("\r\n\r\n" + new String(body, StandardCharsets.UTF_8)), request);
    }

    @Test
    void a_get_has_no_body_and_no_length() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        serve(socket -> {
            received.complete(readRequest(socket.getInputStream()));
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        });
        try (Http1Stream stream = new Http1Stream(uri("/api/tags"))) {
            stream.send("GET", Map.of(), null, CONNECT);
            assertEquals("{}", new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        String request = received.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(request, startsWith("GET /api/tags HTTP/1.1\r\n"));
        assertThat(request, not(containsString("Content-Length")));
        assertTrue(request.endsWith("\r\nConnection: close\r\n\r\n"), request);
    }

    @Test
    void hands_on_each_chunk_before_the_next_one_is_sent() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        serve(socket -> {
            readRequest(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
                          + "6\r\nHallo\n\r\n");
            // the next chunk only once the first one has been read: a reader that waits for
            // more than the first chunk never gets it, only the end of the connection
            if (!firstRead.await(WAIT_S, TimeUnit.SECONDS)) {
                return;
            }
            write(socket, "5;name=value\r\nWelt\n\r\n0\r\nX-Trailer: egal\r\n\r\n");
        });
        try (Http1Stream stream = new Http1Stream(uri("/"))) {
            stream.send("GET", Map.of(), null, CONNECT);
            assertEquals(200, stream.status());
            byte[] buffer = new byte[64];
            int n = stream.body().read(buffer);
            assertEquals("Hallo\n", new String(buffer, 0, n, StandardCharsets.UTF_8));
            firstRead.countDown();
            assertEquals("Welt\n", new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(-1, stream.body().read());
        }
    }

    @Test
    void reads_a_body_of_content_length_bytes_and_skips_interim_responses() throws Exception {
        // the connection stays open: the body ends by its length, not by the close
        answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\ncontent-length: 18\r\n\r\n404 page not found",
               Then.STAY_OPEN);
        try (Http1Stream stream = get()) {
            assertEquals(404, stream.status());
            assertEquals("404 page not found", new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_body_without_length_ends_with_the_connection() throws Exception {
        answer("HTTP/1.0 200 OK\r\n\r\ndata: {}\n\ndata: [DONE]\n\n", Then.CLOSE);
        try (Http1Stream stream = get()) {
            assertEquals("data: {}\n\ndata: [DONE]\n\n", new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_connection_closed_inside_the_body_is_an_error_not_an_end() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nnur ein Teil", Then.CLOSE);
        try (Http1Stream stream = get()) {
            assertThrows(EOFException.class, () -> stream.body().readAllBytes());
        }
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\nabgebrochen", Then.CLOSE);
        try (Http1Stream stream = get()) {
            assertThrows(EOFException.class, () -> stream.body().readAllBytes());
        }
    }

    @Test
    void a_response_that_is_not_http_is_refused() throws Exception {
        answer("SSH-2.0-OpenSSH_9.2\r\n", Then.CLOSE);
        try (Http1Stream stream = new Http1Stream(uri("/"))) {
            IOException e = assertThrows(IOException.class, () -> stream.send("GET", Map.of(), null, CONNECT));
            assertThat(e.getMessage(), containsString("not an HTTP/1.1 response: SSH-2.0"));
        }
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", Then.STAY_OPEN);
        try (Http1Stream stream = get()) {
            IOException e = assertThrows(IOException.class, () -> stream.body().read());
            assertThat(e.getMessage(), containsString("bad chunk size"));
        }
    }

    @Test
    void closing_from_another_thread_ends_a_blocked_read() throws Exception {
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", Then.STAY_OPEN);
        Http1Stream stream = get();
        CompletableFuture<Throwable> reading = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                stream.body().read();
                reading.complete(null);
            } catch (IOException e) {
                reading.complete(e);
            }
        });
        stream.close();
        assertTrue(reading.get(WAIT_S, TimeUnit.SECONDS) instanceof IOException);
    }

    @Test
    void closing_before_it_connects_makes_the_request_fail() {
        Http1Stream stream = new Http1Stream(uri("/"));
        stream.close();
        assertThrows(IOException.class, () -> stream.send("GET", Map.of(), null, CONNECT));
    }

    @Test
    void a_refused_connection_is_a_connect_exception() throws Exception {
        int port = server.getLocalPort();
        server.close();
        try (Http1Stream stream = new Http1Stream(URI.create("http://127.0.0.1:" + port + "/api/chat"))) {
            assertThrows(java.net.ConnectException.class, () -> stream.send("GET", Map.of(), null, CONNECT));
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** What the server does with the connection once it has answered. */
    private enum Then { CLOSE, STAY_OPEN }

    /** The server reads one request and answers exactly {@code bytes}. */
    private void answer(String bytes, Then then) {
        serve(socket -> {
            readRequest(socket.getInputStream());
            write(socket, bytes);
            if (then == Then.CLOSE) {
                socket.close();
            } else {
                await(new CountDownLatch(1));
            }
        });
    }

    /** A GET of {@code /}, sent, with the response's status and headers read. */
    private Http1Stream get() throws IOException {
        Http1Stream stream = new Http1Stream(uri("/"));
        stream.send("GET", Map.of(), null, CONNECT);
        return stream;
    }

    private interface Script {
        void run(Socket socket) throws Exception;
    }

    /** Accepts one connection on a thread of its own and runs the script on it. */
    private void serve(Script script) {
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                script.run(socket);
            } catch (Exception ignored) {
                // the test sees what went wrong from its side
            }
        });
    }

    private static void write(Socket socket, String bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        latch.await(WAIT_S, TimeUnit.SECONDS);
    }

    /** The request head up to its empty line, then as many body bytes as Content-Length says. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException();
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return text + new String(body, StandardCharsets.UTF_8);
    }
}
