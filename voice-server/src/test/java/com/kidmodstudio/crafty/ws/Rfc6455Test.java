package com.kidmodstudio.crafty.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.testing.RawWebSocket;
import com.kidmodstudio.crafty.testing.RawWebSocket.Frame;

import static com.kidmodstudio.crafty.testing.RawWebSocket.BINARY;
import static com.kidmodstudio.crafty.testing.RawWebSocket.CLOSE;
import static com.kidmodstudio.crafty.testing.RawWebSocket.CONTINUATION;
import static com.kidmodstudio.crafty.testing.RawWebSocket.PING;
import static com.kidmodstudio.crafty.testing.RawWebSocket.PONG;
import static com.kidmodstudio.crafty.testing.RawWebSocket.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The WebSocket protocol itself, on {@code /chat} of the real server, with frames written and
 * read by hand; the cases follow the Autobahn TestSuite's (numbers in the comments): framing,
 * pings and pongs, fragmentation, UTF-8, limits and the closing handshake. The server runs with
 * small limits: text 16 KiB, binary 16 KiB, hard cap 64 KiB.
 */
class Rfc6455Test {
    private static final int KIB = 1024;
    private static FakeOllama ollama;
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() {
        ollama = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(20)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "limits.text", "16384",
                                         "limits.binary", "16384", "limits.hard", "65536"));
    }

    @AfterAll
    static void stop() {
        server.close();
        ollama.close();
    }

    /** A socket to {@code /chat} whose welcome has been read. */
    private static RawWebSocket chat() {
        RawWebSocket socket = RawWebSocket.connect(server.port(), "/chat");
        assertThat(socket.read().type(), is("assistant"));
        return socket;
    }

    /** The socket still works: an application-level ping is answered. */
    private static void stillUsable(RawWebSocket socket) {
        socket.text("{\"action\":\"ping\",\"t\":7}");
        assertThat(socket.await(f -> f.opcode() == TEXT && "pong".equals(f.type())).json().path("t").asInt(), is(7));
    }

    private static void closedWith(RawWebSocket socket, int code) {
        Frame close = socket.awaitClose();
        assertThat(close.closeReason(), close.closeCode(), is(code));
        assertThat("nothing is sent after the close frame", socket.endsWithoutMoreFrames(), is(true));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"0", "13", "125"})
    void ping_is_answered_with_a_pong_carrying_the_same_payload(int size) {
        // 2.1 - 2.4
        try (RawWebSocket socket = chat()) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 0xFE);
            socket.send(PING, true, payload);
            Frame pong = socket.await(f -> f.opcode() != TEXT);
            assertThat(pong.opcode(), is(PONG));
            assertThat(Arrays.equals(pong.payload(), payload), is(true));
        }
    }

    @Test
    void ping_over_125_bytes_closes_with_1002() {
        // 2.5
        try (RawWebSocket socket = chat()) {
            socket.send(PING, true, new byte[126]);
            closedWith(socket, 1002);
        }
    }

    @Test
    void unsolicited_pong_is_ignored() {
        // 2.7, 2.8
        try (RawWebSocket socket = chat()) {
            socket.send(PONG, true, "unsolicited".getBytes(StandardCharsets.UTF_8));
            stillUsable(socket);
        }
    }

    @Test
    void text_split_in_three_fragments_with_characters_cut_between_them_arrives_intact() {
        // 5.6 with 6.2.3: a ping between the fragments, ü and the emoji cut across frames
        try (RawWebSocket socket = chat()) {
            byte[] message = "{\"action\":\"chat\",\"payload\":\"Grüße🤖\",\"requestId\":\"split\"}"
                    .getBytes(StandardCharsets.UTF_8);
            int inUmlaut = indexOf(message, (byte) 0xC3) + 1;
            int inEmoji = indexOf(message, (byte) 0xF0) + 2;
            socket.send(TEXT, false, Arrays.copyOfRange(message, 0, inUmlaut));
            socket.send(PING, true, "mid".getBytes(StandardCharsets.UTF_8));
            socket.send(CONTINUATION, false, Arrays.copyOfRange(message, inUmlaut, inEmoji));
            socket.send(CONTINUATION, true, Arrays.copyOfRange(message, inEmoji, message.length));
            assertThat(socket.await(f -> f.opcode() == PONG).text(), is("mid"));
            Frame first = socket.await(f -> f.opcode() == TEXT && "split".equals(f.json().path("requestId").asText()));
            assertThat(first.json().path("content").asText(), is("Grüße🤖"));
        }
    }

    @Test
    void invalid_utf8_closes_with_1007() {
        // 6.3.1: a UTF-16 surrogate encoded in UTF-8
        try (RawWebSocket socket = chat()) {
            socket.send(TEXT, true, new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
            closedWith(socket, 1007);
        }
    }

    @Test
    void invalid_utf8_in_a_fragment_closes_with_1007_before_the_message_ends() {
        // 6.4.1: fail fast, the last fragment is never sent
        try (RawWebSocket socket = chat()) {
            socket.send(TEXT, false, "{\"action\":".getBytes(StandardCharsets.UTF_8));
            socket.send(CONTINUATION, false, new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
            closedWith(socket, 1007);
        }
    }

    @Test
    void character_cut_at_the_end_of_the_message_closes_with_1007() {
        // 6.6.x: the message ends inside a character
        try (RawWebSocket socket = chat()) {
            socket.send(TEXT, false, "\"Gr".getBytes(StandardCharsets.UTF_8));
            socket.send(CONTINUATION, true, new byte[] {(byte) 0xC3});
            closedWith(socket, 1007);
        }
    }

    @Test
    void sixty_five_fragments_of_1_kib_past_the_64_kib_hard_cap_close_with_1009() {
        try (RawWebSocket socket = chat()) {
            byte[] kib = new byte[KIB];
            Arrays.fill(kib, (byte) 'x');
            socket.send(TEXT, false, kib);
            for (int i = 1; i < 64; i++) {
                socket.send(CONTINUATION, false, kib);
            }
            socket.send(CONTINUATION, true, kib);
            closedWith(socket, 1009);
        }
    }

    @Test
    void fragmented_text_over_its_limit_within_the_hard_cap_is_dropped_with_too_large() {
        // what the JDK's client does with a large message: 16 KiB fragments
        try (RawWebSocket socket = chat()) {
            byte[] kib = new byte[KIB];
            Arrays.fill(kib, (byte) 'x');
            socket.send(TEXT, false, kib);
            for (int i = 1; i < 20; i++) {
                socket.send(CONTINUATION, i == 19, kib);
            }
            Frame error = socket.await(f -> f.opcode() == TEXT);
            assertThat(error.type(), is("error"));
            assertThat(error.json().path("code").asText(), is("too_large"));
            assertThat(error.json().path("error").asText(), containsString("20480"));
            stillUsable(socket);
        }
    }

    @Test
    void binary_frame_over_its_limit_is_dropped_with_the_routes_typed_error() {
        try (RawWebSocket socket = chat()) {
            socket.send(BINARY, true, new byte[20 * KIB]);
            Frame error = socket.await(f -> f.opcode() == TEXT);
            assertThat(error.json().path("code").asText(), is("too_large"));
            stillUsable(socket);
        }
    }

    @Test
    void frame_declaring_more_than_the_hard_cap_closes_with_1009_before_its_payload_is_sent() {
        // 9.x: the header alone; the server must not wait for 70 KiB
        try (RawWebSocket socket = chat()) {
            byte[] frame = RawWebSocket.frame(0x80 | BINARY, new byte[70 * KIB], true);
            socket.sendRaw(Arrays.copyOf(frame, 14));
            closedWith(socket, 1009);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "reserved bit set (3.1), 0xC1, 7b7d",
            "reserved data opcode (4.1.1), 0x83, 7b7d",
            "reserved control opcode (4.2.1), 0x8B, ''",
            "fragmented ping (5.2), 0x09, 6869",
            "continuation without a message (5.9), 0x80, 7b7d",
            "close with a one-byte payload (7.3.2), 0x88, 03",
            "close code 999 (7.9.1), 0x88, 03e7",
            "close code 1005 (7.9.4), 0x88, 03ed",
            "close code 1016 (7.9.6), 0x88, 03f8",
            "close code 5000 (7.9.9), 0x88, 1388"})
    void protocol_violation_closes_with_1002(String name, String firstByte, String payloadHex) {
        try (RawWebSocket socket = chat()) {
            socket.sendRaw(RawWebSocket.frame(Integer.decode(firstByte), hex(payloadHex), true));
            closedWith(socket, 1002);
        }
    }

    @Test
    void unmasked_client_frame_closes_with_1002() {
        try (RawWebSocket socket = chat()) {
            socket.sendRaw(RawWebSocket.frame(0x80 | TEXT, "{}".getBytes(StandardCharsets.UTF_8), false));
            closedWith(socket, 1002);
        }
    }

    @Test
    void new_message_inside_a_fragmented_one_closes_with_1002() {
        // 5.18
        try (RawWebSocket socket = chat()) {
            socket.send(TEXT, false, "{".getBytes(StandardCharsets.UTF_8));
            socket.send(TEXT, true, "}".getBytes(StandardCharsets.UTF_8));
            closedWith(socket, 1002);
        }
    }

    @Test
    void close_reason_that_is_not_utf8_closes_with_1007() {
        // 7.5.1
        try (RawWebSocket socket = chat()) {
            socket.send(CLOSE, true, new byte[] {0x03, (byte) 0xE8, (byte) 0xCE, (byte) 0xBA, (byte) 0xED, (byte) 0xA0});
            closedWith(socket, 1007);
        }
    }

    @Test
    void client_close_is_answered_with_its_code_and_nothing_follows() {
        // 7.1.1, 7.3.1
        try (RawWebSocket socket = chat()) {
            socket.close(1000, "bye");
            closedWith(socket, 1000);
        }
        try (RawWebSocket socket = chat()) {
            socket.send(CLOSE, true, new byte[0]);
            Frame close = socket.awaitClose();
            assertThat("a close without a code is answered without one", close.payload().length, is(0));
            assertThat(socket.endsWithoutMoreFrames(), is(true));
        }
    }

    @Test
    void client_close_during_a_reply_cancels_the_turn() throws Exception {
        int before = ollama.disconnects();
        try (RawWebSocket socket = chat()) {
            socket.text("{\"action\":\"chat\",\"payload\":\"Erzähl was\",\"requestId\":\"long\"}");
            socket.await(f -> f.opcode() == TEXT && "assistant".equals(f.type()));
            socket.close(1001, "tab closed");
            closedWith(socket, 1001);
        }
        assertThat("the model request was aborted", ollama.awaitDisconnects(before + 1, Duration.ofSeconds(5)), is(true));
    }

    @Test
    void stopping_server_closes_its_sockets_with_1001() {
        TestCrafty.Running other = TestCrafty.start(Map.of("ollama.url", ollama.url()));
        try (RawWebSocket socket = RawWebSocket.connect(other.port(), "/chat")) {
            socket.read();
            long start = System.nanoTime();
            other.close();
            assertThat("the server stopped at once", System.nanoTime() - start, lessThan(Duration.ofSeconds(2).toNanos()));
            Frame close = socket.awaitClose();
            assertThat(close.closeCode(), is(1001));
            assertThat(socket.endsWithoutMoreFrames(), is(true));
        }
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
