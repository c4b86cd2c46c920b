package com.kidmodstudio.crafty.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * With a per-launch token, only the app gets in: token, Origin and Host are checked on real
 * handshakes.
 */
class AccessGuardRouteTest {
    private static final String TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() {
        server = TestCrafty.start(Map.of("crafty.token", TOKEN, "ollama.url", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int rawHandshake(String host, String origin, String protocols) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String request = "GET /chat HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void browser_with_token_subprotocol_from_the_app_origin_gets_in() throws Exception {
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"), Map.of("Origin", "crafty://app"),
                                                List.of("crafty.v1", "token." + TOKEN))) {
            assertThat(client.subprotocol(), is("crafty.v1"));
            assertThat(client.nextJson().path("content").asText(), containsString("Crafty"));
        }
    }

    @Test
    void a_file_page_is_refused_now_that_the_app_has_its_own_scheme() throws Exception {
        String host = "127.0.0.1:" + server.port();
        assertThat(rawHandshake(host, "file://", "crafty.v1, token." + TOKEN), is(403));
        assertThat(rawHandshake(host, "null", "crafty.v1, token." + TOKEN), is(403));
    }

    @Test
    void own_origin_is_allowed_for_browser_mode() throws Exception {
        String own = "127.0.0.1:" + server.port();
        assertThat(rawHandshake(own, "http://" + own, "crafty.v1, token." + TOKEN), is(101));
    }

    @Test
    void missing_or_wrong_token_is_refused() throws Exception {
        String host = "127.0.0.1:" + server.port();
        assertThat(rawHandshake(host, "crafty://app", "crafty.v1"), is(403));
        assertThat(rawHandshake(host, "crafty://app", "crafty.v1, token.ffffffffffffffffffffffffffffffff"), is(403));
        CompletionException e = assertThrows(CompletionException.class,
                                             () -> WsClient.connect(TestServer.ws(server.port(), "/chat")));
        assertThat(e.getCause(), instanceOf(WebSocketHandshakeException.class));
    }

    @Test
    void foreign_origin_is_refused_even_with_the_token() throws Exception {
        String host = "127.0.0.1:" + server.port();
        assertThat(rawHandshake(host, "https://evil.example", "crafty.v1, token." + TOKEN), is(403));
        assertThat(rawHandshake(host, "http://localhost:5173", "crafty.v1, token." + TOKEN), is(403));
        assertThat(rawHandshake(host, "null", "crafty.v1, token." + TOKEN), is(403));
    }

    @Test
    void non_loopback_host_is_refused() throws Exception {
        assertThat(rawHandshake("crafty.evil.example:" + server.port(), null, "crafty.v1, token." + TOKEN), is(403));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /status HTTP/1.1\r\nHost: rebind.example\r\nAuthorization: Bearer " + TOKEN
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(response, startsWith("HTTP/1.1 403"));
        }
    }

    @Test
    void status_needs_the_bearer_token() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.http(server.port(), "/status"));
        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode(), is(401));
        assertThat(http.send(request.header("Authorization", "Bearer " + TOKEN).build(),
                             HttpResponse.BodyHandlers.discarding()).statusCode(), is(200));
    }
}
