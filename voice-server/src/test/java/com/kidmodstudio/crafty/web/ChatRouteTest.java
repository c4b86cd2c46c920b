package com.kidmodstudio.crafty.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeScript;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * {@code /chat} over a real socket against a fake Ollama that streams like the real one.
 */
@ServerTest
class ChatRouteTest {
    private static final FakeOllama OLLAMA = startOllama();

    private final URI chat;

    ChatRouteTest(WebServer server) {
        this.chat = URI.create("ws://127.0.0.1:" + server.port() + "/chat");
    }

    private static FakeOllama startOllama() {
        return FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(20)).start();
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder builder) {
        TestCrafty.setUp(builder, Map.of("ollama.url", OLLAMA.url()));
    }

    @AfterAll
    static void stopOllama() {
        OLLAMA.close();
    }

    @Test
    void welcome_comes_first_in_the_seed_shape() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            JsonNode welcome = client.nextJson();
            assertThat(welcome.path("type").asText(), is("assistant"));
            assertThat(welcome.path("content").asText(), containsString("Crafty"));
            assertThat(welcome.path("timestamp").asLong(), greaterThan(0L));
            assertThat(welcome.path("sessionId").asText(), is(not("")));
        }
    }

    @Test
    void chat_streams_deltas_then_done_with_the_full_content_and_request_id() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            client.send("{\"action\":\"chat\",\"payload\":\"Wie baue ich ein Haus?\",\"requestId\":\"r-1\"}");
            List<WsClient.Frame> frames = client.until(m -> m.path("done").asBoolean());
            StringBuilder joined = new StringBuilder();
            for (WsClient.Frame frame : frames.subList(0, frames.size() - 1)) {
                assertThat(frame.json().path("type").asText(), is("assistant"));
                assertThat(frame.json().path("streaming").asBoolean(), is(true));
                assertThat(frame.json().path("requestId").asText(), is("r-1"));
                joined.append(frame.json().path("content").asText());
            }
            assertThat(frames.size(), greaterThan(10));
            JsonNode done = frames.getLast().json();
            assertThat(done.path("streaming").asBoolean(), is(false));
            assertThat(done.path("content").asText(), is(""));
            assertThat(done.path("requestId").asText(), is("r-1"));
            assertThat(done.path("fullContent").asText(), is(joined.toString()));
            assertThat(done.path("fullContent").asText(), containsString("Wie baue ich ein Haus?"));
            assertThat(done.path("fullContent").asText(), containsString("für"));
        }
    }

    @Test
    void a_seed_client_without_ids_keeps_working() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            client.send("{\"action\":\"chat\",\"payload\":\"Hallo\"}");
            JsonNode done = client.until(m -> m.path("done").asBoolean()).getLast().json();
            assertThat(done.path("fullContent").asText(), containsString("Hallo"));
            assertThat(done.has("requestId"), is(false));
        }
    }

    @Test
    void each_word_no_phrase_could_end_at_reaches_the_client_with_its_own_token() throws Exception {
        try (FakeOllama slow = FakeOllama.builder().tokens("Eins", " zwei", " drei", " vier", " fünf.")
                .tokenDelay(Duration.ofMillis(300)).start()) {
            TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", slow.url()));
            try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
                client.nextJson();
                client.send("{\"action\":\"chat\",\"payload\":\"Zähl\"}");
                List<WsClient.Frame> frames = client.until(m -> m.path("done").asBoolean());
                List<Long> writes = slow.tokenWrites();
                List<WsClient.Frame> deltas = frames.subList(0, frames.size() - 1);
                // no word of the reply list begins like these, so none waits for the token after it
                assertThat(deltas.stream().map(f -> f.json().path("content").asText()).toList(),
                           is(List.of("Eins", " zwei", " drei", " vier", " fünf.")));
                assertThat(writes.size(), is(5));
                for (int i = 0; i + 1 < writes.size(); i++) {
                    assertThat("word " + i + " waited for the token after it",
                               deltas.get(i).arrived(), lessThan(writes.get(i + 1)));
                }
            } finally {
                server.close();
            }
        }
    }

    @Test
    void conversation_memory_survives_a_reconnect_with_the_session_id() throws Exception {
        String sessionId;
        try (WsClient first = WsClient.connect(chat)) {
            sessionId = first.nextJson().path("sessionId").asText();
            first.send("{\"action\":\"chat\",\"payload\":\"Mein Lieblingsblock ist Obsidian\"}");
            first.until(m -> m.path("done").asBoolean());
        }
        int before = OLLAMA.requests().size();
        try (WsClient second = WsClient.connect(URI.create(chat + "?sessionId=" + sessionId))) {
            JsonNode welcome = second.nextJson();
            assertThat(welcome.path("resumed").asBoolean(), is(true));
            assertThat(welcome.path("sessionId").asText(), is(sessionId));
            second.send("{\"action\":\"chat\",\"payload\":\"Welcher war das?\"}");
            second.until(m -> m.path("done").asBoolean());
        }
        JsonNode sent = TestJson.MAPPER.readTree(OLLAMA.requests().get(before).body()).path("messages");
        assertThat(sent.size(), is(4));
        assertThat(sent.get(0).path("role").asText(), is("system"));
        assertThat(sent.get(0).path("content").asText(), containsString("Crafty"));
        assertThat(sent.get(1).path("content").asText(), is("Mein Lieblingsblock ist Obsidian"));
        assertThat(sent.get(2).path("role").asText(), is("assistant"));
        assertThat(sent.get(3).path("content").asText(), is("Welcher war das?"));
    }

    @Test
    void stop_cancels_the_generation_and_aborts_the_llm_request() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            int disconnects = OLLAMA.disconnects();
            client.send("{\"action\":\"chat\",\"payload\":\"Erzähl mir alles\",\"requestId\":\"long\"}");
            client.await("assistant");
            client.send("{\"action\":\"stop\",\"requestId\":\"s\"}");
            JsonNode first = client.until(m -> !"assistant".equals(m.path("type").asText())).getLast().json();
            JsonNode second = client.nextJson();
            JsonNode cancelled = "cancelled".equals(first.path("type").asText()) ? first : second;
            JsonNode stopped = cancelled == first ? second : first;
            assertThat(cancelled.path("requestId").asText(), is("long"));
            assertThat(cancelled.path("reason").asText(), is("stop"));
            assertThat(stopped.path("type").asText(), is("stopped"));
            assertThat(stopped.path("requestId").asText(), is("s"));
            assertThat(stopped.path("cancelled").asText(), is("long"));
            assertThat("the HTTP request to the LLM was aborted",
                       OLLAMA.awaitDisconnects(disconnects + 1, Duration.ofSeconds(2)), is(true));
            assertThat("no done after cancelled", client.poll(Duration.ofMillis(200)), is((WsClient.Frame) null));
        }
    }

    @Test
    void a_new_chat_supersedes_the_running_one() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            client.send("{\"action\":\"chat\",\"payload\":\"Erste Frage\",\"requestId\":\"a\"}");
            client.await("assistant");
            client.send("{\"action\":\"chat\",\"payload\":\"Zweite Frage\",\"requestId\":\"b\"}");
            JsonNode cancelled = client.await("cancelled");
            assertThat(cancelled.path("requestId").asText(), is("a"));
            assertThat(cancelled.path("reason").asText(), is("superseded"));
            List<WsClient.Frame> rest = client.until(m -> m.path("done").asBoolean());
            for (WsClient.Frame frame : rest) {
                assertThat(frame.json().path("requestId").asText(), is("b"));
            }
            assertThat(rest.getLast().json().path("fullContent").asText(), containsString("Zweite Frage"));
        }
    }

    @Test
    void bad_inputs_get_typed_errors_and_the_socket_stays_usable() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            client.send("{nope");
            assertThat(client.await("error").path("code").asText(), is("bad_json"));
            client.send("{\"action\":\"fly\",\"requestId\":\"x\"}");
            JsonNode unknown = client.await("error");
            assertThat(unknown.path("code").asText(), is("unknown_action"));
            assertThat(unknown.path("requestId").asText(), is("x"));
            assertThat(unknown.path("category").asText(), is("invalid_request"));
            client.send("{\"action\":\"chat\",\"payload\":\"\"}");
            assertThat(client.await("error").path("code").asText(), is("bad_payload"));
            client.send("{\"action\":\"chat\",\"payload\":[\"a\"]}");
            assertThat(client.await("error").path("code").asText(), is("bad_payload"));
            client.send("{\"action\":\"chat\",\"payload\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(client.await("error").path("code").asText(), is("too_large"));
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.await("error").path("code").asText(), is("unexpected_binary"));
            client.send("{\"action\":\"chat\",\"payload\":\"Noch da?\",\"requestId\":\"ok\"}");
            JsonNode done = client.until(m -> m.path("done").asBoolean()).getLast().json();
            assertThat(done.path("requestId").asText(), is("ok"));
        }
    }

    @Test
    void fragmented_text_message_is_reassembled() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            client.sendFragment("{\"action\":\"chat\",", false);
            client.sendFragment("\"payload\":\"Teile\",", false);
            client.sendFragment("\"requestId\":\"frag\"}", true);
            JsonNode done = client.until(m -> m.path("done").asBoolean()).getLast().json();
            assertThat(done.path("requestId").asText(), is("frag"));
        }
    }

    @Test
    void ping_is_answered_with_pong() throws Exception {
        try (WsClient client = WsClient.connect(chat)) {
            client.nextJson();
            client.send("{\"action\":\"ping\",\"t\":42,\"requestId\":\"p\"}");
            JsonNode pong = client.await("pong");
            assertThat(pong.path("t").asLong(), is(42L));
            assertThat(pong.path("requestId").asText(), is("p"));
        }
    }

    @Test
    void one_client_failing_does_not_disturb_another() throws Exception {
        try (WsClient good = WsClient.connect(chat); WsClient bad = WsClient.connect(chat)) {
            good.nextJson();
            bad.nextJson();
            good.send("{\"action\":\"chat\",\"payload\":\"Ich bin brav\",\"requestId\":\"g\"}");
            for (int i = 0; i < 20; i++) {
                bad.send("{broken");
            }
            bad.close();
            JsonNode done = good.until(m -> m.path("done").asBoolean()).getLast().json();
            assertThat(done.path("requestId").asText(), is("g"));
        }
    }
}
