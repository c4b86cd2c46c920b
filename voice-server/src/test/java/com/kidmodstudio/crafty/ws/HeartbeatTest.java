package com.kidmodstudio.crafty.ws;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.testing.RawWebSocket;
import com.kidmodstudio.crafty.testing.RawWebSocket.Frame;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static com.kidmodstudio.crafty.testing.RawWebSocket.CLOSE;
import static com.kidmodstudio.crafty.testing.RawWebSocket.PING;
import static com.kidmodstudio.crafty.testing.RawWebSocket.PONG;
import static com.kidmodstudio.crafty.testing.RawWebSocket.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The server's heartbeat and idle close on the real server, with short times: a ping after
 * 300 ms of silence, 300 ms for the answer, idle after 1.5 s. The model takes 2 s to its first
 * token, longer than the idle time.
 */
class HeartbeatTest {
    private static final Duration IDLE = Duration.ofMillis(1500);
    private static FakeOllama ollama;
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() {
        ollama = FakeOllama.builder().tokens("Gleich", " fertig.").firstTokenDelay(Duration.ofSeconds(2)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "ws.ping", "300ms", "ws.pong", "300ms",
                                         "ws.idle", "1500ms", "ws.close", "500ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
        ollama.close();
    }

    @Test
    void silent_client_is_pinged_then_closed_with_1011_when_no_pong_comes() {
        long start = System.nanoTime();
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/chat")) {
            socket.await(f -> f.opcode() == PING);
            long pinged = System.nanoTime() - start;
            Frame close = socket.awaitClose();
            long closed = System.nanoTime() - start;
            assertThat(close.closeCode(), is(1011));
            assertThat(close.closeReason(), is("no pong"));
            assertThat("pinged after 300 ms of silence", pinged, greaterThanOrEqualTo(Duration.ofMillis(300).toNanos()));
            assertThat("closed 300 ms after the ping", closed - pinged, greaterThanOrEqualTo(Duration.ofMillis(250).toNanos()));
            assertThat("before the idle time", closed, lessThan(IDLE.toNanos()));
            assertThat(socket.endsWithoutMoreFrames(), is(true));
        }
    }

    @Test
    void client_answering_pings_stays_until_it_is_idle_and_then_gets_1001() {
        long start = System.nanoTime();
        int pings = 0;
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/chat")) {
            Frame frame;
            for (frame = socket.read(); frame.opcode() != CLOSE; frame = socket.read()) {
                if (frame.opcode() == PING) {
                    pings++;
                    socket.send(PONG, true, frame.payload());
                }
            }
            assertThat(frame.closeCode(), is(1001));
            assertThat(frame.closeReason(), is("idle"));
            assertThat(System.nanoTime() - start, greaterThanOrEqualTo(IDLE.toNanos()));
            assertThat("pinged about every 300 ms", pings, greaterThanOrEqualTo(3));
            socket.close(1001, "");
            assertThat(socket.endsWithoutMoreFrames(), is(true));
        }
    }

    @Test
    void socket_waiting_for_a_reply_is_not_idle() {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/chat")) {
            socket.text("{\"action\":\"chat\",\"payload\":\"Hallo\",\"requestId\":\"slow\"}");
            long asked = System.nanoTime();
            Frame frame;
            for (frame = socket.read(); frame.opcode() != CLOSE; frame = socket.read()) {
                if (frame.opcode() == PING) {
                    socket.send(PONG, true, frame.payload());
                }
                if (frame.opcode() == TEXT && frame.json().path("done").asBoolean()) {
                    break;
                }
            }
            assertThat("the reply came although the model was silent longer than the idle time",
                       frame.opcode(), is(TEXT));
            assertThat(System.nanoTime() - asked, greaterThanOrEqualTo(Duration.ofSeconds(2).toNanos()));
        }
    }

    @Test
    void jdk_client_answers_pings_by_itself_and_is_not_closed_by_the_heartbeat() throws Exception {
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
            client.nextJson();
            long start = System.nanoTime();
            int code = client.awaitClose();
            assertThat("closed as idle, not for a missing pong", code, is(1001));
            assertThat(System.nanoTime() - start, greaterThanOrEqualTo(IDLE.toNanos() - Duration.ofMillis(100).toNanos()));
        }
    }
}
