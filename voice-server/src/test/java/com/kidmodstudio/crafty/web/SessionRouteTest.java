package com.kidmodstudio.crafty.web;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.store.SqliteConversationStore;
import com.kidmodstudio.crafty.store.TestClock;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Saved conversations over {@code /chat}, on real SQLite files: a restart, two sockets on one
 * session, the {@code session:*} requests and their typed errors.
 */
class SessionRouteTest {
    private static final FakeOllama OLLAMA = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(2)).start();

    @TempDir
    Path dir;

    @AfterAll
    static void stopOllama() {
        OLLAMA.close();
    }

    static TestCrafty.Running start(Path db, String... more) {
        Map<String, String> config = new HashMap<>(Map.of("ollama.url", OLLAMA.url(), "store.path", db.toString()));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return TestCrafty.start(config);
    }

    static WsClient chat(TestCrafty.Running server, String query) throws InterruptedException {
        WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat" + query));
        assertThat(client.nextJson().path("type").asText(), is("assistant"));
        return client;
    }

    static JsonNode ask(WsClient client, String text) throws InterruptedException {
        client.send(Json.write(Map.of("action", "chat", "payload", text)));
        return client.until(m -> m.path("done").asBoolean() || "error".equals(m.path("type").asText())).getLast().json();
    }

    static JsonNode request(WsClient client, Map<String, Object> message) throws InterruptedException {
        client.send(Json.write(message));
        return client.until(m -> m.path("type").asText().startsWith("session:") || "error".equals(m.path("type").asText()))
                .getLast().json();
    }

    static List<String> contents(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        messages.forEach(m -> texts.add(m.path("role").asText() + ": " + m.path("content").asText()));
        return texts;
    }

    @Test
    void history_survives_a_restart_and_rebuilds_the_model_context() throws Exception {
        Path db = dir.resolve("crafty.db");
        String sessionId;
        try (TestCrafty.Running first = start(db); WsClient client = chat(first, "")) {
            sessionId = ask(client, "Mein Lieblingsblock ist Obsidian").path("sessionId").asText();
        }
        try (TestCrafty.Running second = start(db); WsClient client = WsClient.connect(
                TestServer.ws(second.port(), "/chat?sessionId=" + sessionId))) {
            JsonNode welcome = client.nextJson();
            assertThat(welcome.path("resumed").asBoolean(), is(true));
            JsonNode list = request(client, Map.of("action", "session:list", "requestId", "l"));
            assertThat(list.path("type").asText(), is("session:list"));
            assertThat(list.path("requestId").asText(), is("l"));
            JsonNode session = list.path("sessions").get(0);
            assertThat(session.path("sessionId").asText(), is(sessionId));
            assertThat(session.path("title").asText(), is("Mein Lieblingsblock ist Obsidian"));
            assertThat(session.path("messageCount").asInt(), is(2));
            int before = OLLAMA.requests().size();
            ask(client, "Welcher war das?");
            JsonNode sent = TestJson.MAPPER.readTree(OLLAMA.requests().get(before).body()).path("messages");
            assertThat(sent.size(), is(4));
            assertThat(sent.get(0).path("role").asText(), is("system"));
            assertThat(sent.get(1).path("content").asText(), is("Mein Lieblingsblock ist Obsidian"));
            assertThat(sent.get(2).path("content").asText(), containsString("Obsidian"));
            assertThat(sent.get(3).path("content").asText(), is("Welcher war das?"));
        }
    }

    @Test
    void two_sockets_on_one_session_never_lose_or_interleave_a_message() throws Exception {
        try (TestCrafty.Running server = start(dir.resolve("shared.db"));
             WsClient a = chat(server, "?sessionId=shared"); WsClient b = chat(server, "?sessionId=shared");
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> both = new ArrayList<>();
            for (WsClient client : List.of(a, b)) {
                String name = client == a ? "A" : "B";
                both.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        ask(client, name + i + " fragt");
                    }
                    return null;
                }));
            }
            for (Future<?> done : both) {
                done.get();
            }
            JsonNode switched = request(a, Map.of("action", "session:switch", "sessionId", "shared"));
            JsonNode messages = switched.path("messages");
            assertThat(messages.size(), is(20));
            assertThat(switched.path("session").path("messageCount").asInt(), is(20));
            for (int i = 0; i < 20; i += 2) {
                String question = messages.get(i).path("content").asText();
                assertThat(messages.get(i).path("role").asText(), is("user"));
                assertThat(messages.get(i + 1).path("role").asText(), is("assistant"));
                assertThat("the reply follows its own question", messages.get(i + 1).path("content").asText(),
                           containsString(question));
                assertThat(messages.get(i + 1).path("partial").asBoolean(), is(false));
            }
        }
    }

    @Test
    void create_becomes_current_then_rename_list_and_delete() throws Exception {
        try (TestCrafty.Running server = start(dir.resolve("crud.db")); WsClient client = chat(server, "")) {
            JsonNode created = request(client, Map.of("action", "session:create", "title", "Mein Schloss", "requestId", "c"));
            assertThat(created.path("type").asText(), is("session:created"));
            assertThat(created.path("requestId").asText(), is("c"));
            String id = created.path("session").path("sessionId").asText();
            assertThat(created.path("session").path("title").asText(), is("Mein Schloss"));
            assertThat(created.path("session").path("messageCount").asInt(), is(0));
            assertThat(created.path("session").path("model").asText(), is("llama3.2:latest"));
            assertThat("the chat goes to the new session", ask(client, "Baue eine Mauer").path("sessionId").asText(), is(id));

            JsonNode renamed = request(client, Map.of("action", "session:rename", "sessionId", id, "title", "Burg",
                                                      "requestId", "r"));
            assertThat(renamed.path("type").asText(), is("session:renamed"));
            assertThat(renamed.path("session").path("title").asText(), is("Burg"));
            assertThat(renamed.path("session").path("messageCount").asInt(), is(2));

            JsonNode other = request(client, Map.of("action", "session:create"));
            String otherId = other.path("session").path("sessionId").asText();
            assertThat(other.path("session").has("title"), is(false));
            ask(client, "Und ein Turm?");
            JsonNode list = request(client, Map.of("action", "session:list"));
            assertThat(list.path("sessions").get(0).path("sessionId").asText(), is(otherId));
            assertThat("titled by its first question", list.path("sessions").get(0).path("title").asText(), is("Und ein Turm?"));
            assertThat(list.path("sessions").get(1).path("title").asText(), is("Burg"));

            JsonNode deleted = request(client, Map.of("action", "session:delete", "sessionId", id, "requestId", "d"));
            assertThat(deleted.path("type").asText(), is("session:deleted"));
            assertThat(deleted.path("sessionId").asText(), is(id));
            assertThat(request(client, Map.of("action", "session:list")).path("sessions").size(), is(1));
            JsonNode gone = request(client, Map.of("action", "session:switch", "sessionId", id, "requestId", "g"));
            assertThat(gone.path("type").asText(), is("session:error"));
            assertThat(gone.path("code").asText(), is("not_found"));
            assertThat(gone.path("requestId").asText(), is("g"));
        }
    }

    @Test
    void switch_makes_a_session_current_and_sends_its_last_messages() throws Exception {
        try (TestCrafty.Running server = start(dir.resolve("switch.db")); WsClient client = chat(server, "")) {
            String first = ask(client, "Erstes Gespräch").path("sessionId").asText();
            request(client, Map.of("action", "session:create"));
            ask(client, "Zweites Gespräch");
            JsonNode switched = request(client, Map.of("action", "session:switch", "sessionId", first, "requestId", "w"));
            assertThat(switched.path("type").asText(), is("session:switched"));
            assertThat(switched.path("requestId").asText(), is("w"));
            assertThat(switched.has("before"), is(false));
            assertThat(contents(switched.path("messages")).getFirst(), is("user: Erstes Gespräch"));
            assertThat(ask(client, "Weiter im ersten").path("sessionId").asText(), is(first));
        }
    }

    @Test
    void bad_ids_and_bad_json_get_typed_errors_and_the_socket_stays_usable() throws Exception {
        try (TestCrafty.Running server = start(dir.resolve("errors.db")); WsClient client = chat(server, "")) {
            client.send("{nope");
            JsonNode badJson = client.await("error");
            assertThat(badJson.path("code").asText(), is("bad_json"));
            List<Map<String, Object>> bad = List.of(
                    Map.of("action", "session:switch", "requestId", "1"),
                    Map.of("action", "session:switch", "sessionId", "../etc/passwd", "requestId", "2"),
                    Map.of("action", "session:switch", "sessionId", 42, "requestId", "3"),
                    Map.of("action", "session:history", "sessionId", "s", "before", "gestern", "requestId", "4"),
                    Map.of("action", "session:history", "sessionId", "s", "limit", 0, "requestId", "5"),
                    Map.of("action", "session:rename", "sessionId", "s", "title", " ", "requestId", "6"),
                    Map.of("action", "session:create", "title", "x".repeat(201), "requestId", "7"));
            for (Map<String, Object> message : bad) {
                JsonNode error = request(client, message);
                assertThat(message.toString(), error.path("type").asText(), is("session:error"));
                assertThat(message.toString(), error.path("code").asText(), is("bad_request"));
                assertThat(error.path("category").asText(), is("invalid_request"));
                assertThat(error.path("requestId").asText(), is(message.get("requestId")));
                assertThat(error.path("content").asText(), is(not("")));
            }
            for (String action : List.of("session:switch", "session:history", "session:rename", "session:delete")) {
                JsonNode error = request(client, Map.of("action", action, "sessionId", "unknown-id", "title", "t"));
                assertThat(action, error.path("code").asText(), is("not_found"));
            }
            JsonNode unknown = request(client, Map.of("action", "session:fly", "requestId", "u"));
            assertThat(unknown.path("type").asText(), is("error"));
            assertThat(unknown.path("code").asText(), is("unknown_action"));
            assertThat(ask(client, "Noch da?").path("done").asBoolean(), is(true));
        }
    }

    @Test
    void ten_thousand_messages_page_back_in_order_without_gaps() throws Exception {
        Path db = dir.resolve("big.db");
        SqliteConversationStore.open(db.toString(), Duration.ofSeconds(1), "de", null, Clock.systemUTC()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO messages (session_id, role, text, created_at) VALUES ('big', ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                s.execute("INSERT INTO sessions (id, title, created_at, updated_at, language, model) "
                              + "VALUES ('big', 'Lang', " + now + ", " + now + ", 'de', null)");
                for (int i = 0; i < 10_000; i++) {
                    insert.setString(1, i % 2 == 0 ? "user" : "assistant");
                    insert.setString(2, "m" + i);
                    insert.setLong(3, now + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        try (TestCrafty.Running server = start(db); WsClient client = chat(server, "")) {
            JsonNode switched = request(client, Map.of("action", "session:switch", "sessionId", "big"));
            assertThat(switched.path("session").path("messageCount").asInt(), is(10_000));
            JsonNode messages = switched.path("messages");
            assertThat(messages.size(), is(50));
            assertThat(messages.get(49).path("content").asText(), is("m9999"));
            List<String> all = new ArrayList<>(contents(messages));
            String before = switched.path("before").asText();
            int pages = 1;
            while (!before.isEmpty()) {
                JsonNode page = request(client, Map.of("action", "session:history", "sessionId", "big", "before", before,
                                                       "limit", 200, "requestId", "p" + pages));
                assertThat(page.path("type").asText(), is("session:history"));
                assertThat(page.path("requestId").asText(), is("p" + pages));
                all.addAll(0, contents(page.path("messages")));
                before = page.path("before").asText();
                pages++;
            }
            assertThat(pages, is(1 + 50));
            assertThat(all.size(), is(10_000));
            for (int i = 0; i < 10_000; i++) {
                assertThat(all.get(i), is((i % 2 == 0 ? "user" : "assistant") + ": m" + i));
            }
        }
    }

    @Test
    void conversations_idle_longer_than_the_retention_are_deleted_at_start_up() throws Exception {
        Path db = dir.resolve("retention.db");
        TestClock clock = new TestClock(Instant.now().minus(Duration.ofDays(91)));
        try (SqliteConversationStore store = SqliteConversationStore.open(db.toString(), Duration.ofSeconds(1), "de", null,
                                                                            clock)) {
            store.reply(store.begin("old", "Vor langer Zeit", false, false).reply(), "ja", false);
            clock.advance(Duration.ofDays(2));
            store.reply(store.begin("recent", "Vor 89 Tagen", false, false).reply(), "ja", false);
        }
        try (TestCrafty.Running server = start(db, "store.retention", "90d"); WsClient client = chat(server, "")) {
            JsonNode list = request(client, Map.of("action", "session:list"));
            assertThat(list.path("sessions").size(), is(1));
            assertThat(list.path("sessions").get(0).path("sessionId").asText(), is("recent"));
        }
    }
}
