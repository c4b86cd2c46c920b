package com.kidmodstudio.crafty.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.testing.RawWebSocket;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static com.kidmodstudio.crafty.testing.RawWebSocket.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A client that stops reading while a long reply streams is closed and its turn cancelled,
 * while another client's reply streams on undisturbed. The reply is 8 MiB (1,024 tokens of 8 KiB,
 * one every 2 ms: 4 MB/s), more than the kernel buffers between server and client can hold
 * (here up to 4 MiB); the queue holds at most 1 MiB, for at most 1 s.
 */
class SlowClientTest {
    private static final int TOKENS = 1024;
    private static final String TOKEN = "x".repeat(8192);
    private static final long REPLY = (long) TOKENS * TOKEN.length();
    private static FakeOllama ollama;
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            tokens.add(TOKEN);
        }
        ollama = FakeOllama.builder().tokens(tokens.toArray(String[]::new)).tokenDelay(Duration.ofMillis(2)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "ws.queue.bytes", "1048576", "ws.queue.age", "1s",
                                         "ws.close", "500ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
        ollama.close();
    }

    @Test
    void client_that_stops_reading_is_closed_and_its_turn_cancelled_while_another_streams_on() throws Exception {
        try (RawWebSocket slow = RawWebSocket.connect(server.port(), "/chat", 4096);
             WsClient fast = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
            slow.await(frame -> frame.opcode() == TEXT);
            fast.nextJson();
            long asked = System.nanoTime();
            slow.text("{\"action\":\"chat\",\"payload\":\"Erzähl lang\",\"requestId\":\"slow\"}");
            fast.send("{\"action\":\"chat\",\"payload\":\"Erzähl auch\",\"requestId\":\"fast\"}");

            assertThat("the slow client's turn was cancelled", ollama.awaitDisconnects(1, Duration.ofSeconds(10)), is(true));
            long cancelled = System.nanoTime() - asked;

            List<WsClient.Frame> frames = fast.until(m -> m.path("done").asBoolean() || "error".equals(m.path("type").asText()));
            long completed = System.nanoTime() - asked;
            JsonNode done = frames.getLast().json();
            assertThat(done.path("done").asBoolean(), is(true));
            assertThat(done.path("fullContent").asText().length(), is((int) REPLY));
            assertThat("every delta arrived", frames.size(), is(TOKENS + 1));
            long lag = frames.getLast().arrived() - ollama.tokenWrites().getLast();
            // held back behind the slow client, it would wait for that one's queue age and close
            // (1.5 s); 1 s leaves a loaded machine its 8 MiB of JSON to write and read
            assertThat("the reply was not held back", lag, lessThan(Duration.ofMillis(1000).toNanos()));

            long received = slow.drain();
            assertThat("the slow client got no more than the buffers held", received, lessThan(REPLY * 3 / 4));
            System.out.printf("slow client cancelled after %d ms having received %d bytes; fast client done after %d ms%n",
                              cancelled / 1_000_000, received, completed / 1_000_000);
            assertThat("closed within queue age + close time + slack", cancelled, lessThan(Duration.ofSeconds(4).toNanos()));
        }
    }
}
