package com.kidmodstudio.crafty.web;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.safety.Category;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;
import com.kidmodstudio.crafty.testing.ZonedTestClock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code /parent} over a real socket with the token: the PIN opens a session on the socket,
 * the area shows every conversation (hidden ones too) and changes settings the sidecar then
 * enforces; a parent deletes, the child only hides.
 */
class ParentRouteTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);
    private static final FakeOllama OLLAMA = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(1)).start();

    @TempDir
    Path dir;

    private final ZonedTestClock clock = new ZonedTestClock(LocalDateTime.parse("2026-12-05T15:00")
                                                                    .atZone(ZoneId.of("Europe/Berlin")));
    private TestCrafty.Running server;

    @BeforeEach
    void start() {
        server = TestCrafty.start(Map.of("ollama.url", OLLAMA.url(), "crafty.token", TOKEN,
                                         "store.path", dir.resolve("crafty.db").toString()), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void stopOllama() {
        OLLAMA.close();
    }

    private WsClient connect(String path) {
        return WsClient.connect(TestServer.ws(server.port(), path), AUTH, List.of());
    }

    private static JsonNode ask(WsClient client, Object... fields) throws InterruptedException {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            message.put((String) fields[i], fields[i + 1]);
        }
        client.send(Json.write(message));
        return client.nextJson();
    }

    private String chatOnce(String text) throws Exception {
        try (WsClient chat = connect("/chat")) {
            chat.nextJson();
            chat.send(Json.write(Map.of("action", "chat", "payload", text)));
            return chat.until(m -> m.path("done").asBoolean()).getLast().json().path("sessionId").asText();
        }
    }

    @Test
    void the_first_pin_opens_the_area_and_only_this_socket_is_unlocked() throws Exception {
        try (WsClient parent = connect("/parent"); WsClient other = connect("/parent")) {
            JsonNode state = ask(parent, "action", "parent:state", "requestId", "p-1");
            assertThat(state.path("type").asText(), is("parent:state"));
            assertThat(state.path("pinSet").asBoolean(), is(false));
            assertThat(state.path("requestId").asText(), is("p-1"));
            JsonNode locked = ask(parent, "action", "parent:overview");
            assertThat(locked.path("type").asText(), is("parent:error"));
            assertThat(locked.path("code").asText(), is("parent_locked"));

            assertThat(ask(parent, "action", "parent:set_pin", "pin", "12").path("code").asText(), is("pin_refused"));
            JsonNode unlocked = ask(parent, "action", "parent:set_pin", "pin", "2468");
            assertThat(unlocked.path("type").asText(), is("parent:unlocked"));
            assertThat(unlocked.path("expiresInMs").asLong(), is(Duration.ofMinutes(10).toMillis()));
            assertThat(unlocked.has("session"), is(false));
            assertThat(ask(parent, "action", "parent:overview").path("type").asText(), is("parent:overview"));

            assertThat(ask(other, "action", "parent:overview").path("code").asText(), is("parent_locked"));
            assertThat(ask(other, "action", "parent:set_pin", "pin", "1111").path("code").asText(), is("pin_refused"));
            JsonNode wrong = ask(other, "action", "parent:unlock", "pin", "1111");
            assertThat(wrong.path("code").asText(), is("wrong_pin"));
            assertThat(wrong.path("triesLeft").asInt(), is(4));
            assertThat(ask(other, "action", "parent:unlock", "pin", "2468").path("type").asText(), is("parent:unlocked"));

            assertThat(ask(parent, "action", "parent:lock").path("type").asText(), is("parent:locked"));
            assertThat(ask(parent, "action", "parent:overview").path("code").asText(), is("parent_locked"));
        }
    }

    @Test
    void the_parent_session_expires_after_ten_idle_minutes() throws Exception {
        try (WsClient parent = connect("/parent")) {
            ask(parent, "action", "parent:set_pin", "pin", "2468");
            clock.advance(Duration.ofMinutes(9));
            assertThat(ask(parent, "action", "parent:overview").path("type").asText(), is("parent:overview"));
            clock.advance(Duration.ofMinutes(10));
            assertThat(ask(parent, "action", "parent:overview").path("code").asText(), is("parent_locked"));
        }
    }

    @Test
    void the_child_hides_a_chat_and_the_parent_still_reads_and_then_deletes_it() throws Exception {
        String hidden = chatOnce("Geheimes Versteck bauen");
        String kept = chatOnce("Zugbrücke bauen");
        try (WsClient chat = connect("/chat")) {
            chat.nextJson();
            JsonNode deleted = ask(chat, "action", "session:delete", "sessionId", hidden, "requestId", "d-1");
            assertThat(deleted.path("type").asText(), is("session:deleted"));
            assertThat(deleted.path("hidden").asBoolean(), is(true));
            JsonNode list = ask(chat, "action", "session:list");
            assertThat(list.path("sessions").size(), is(1));
            assertThat(list.path("sessions").get(0).path("sessionId").asText(), is(kept));
        }
        try (WsClient parent = connect("/parent")) {
            ask(parent, "action", "parent:set_pin", "pin", "2468");
            JsonNode overview = ask(parent, "action", "parent:overview");
            JsonNode sessions = overview.path("sessions");
            assertThat(sessions.size(), is(2));
            assertThat(sessions.get(1).path("sessionId").asText(), is(hidden));
            assertThat(sessions.get(1).path("hidden").asBoolean(), is(true));
            assertThat(sessions.get(0).has("hidden"), is(false));
            JsonNode conversation = ask(parent, "action", "parent:conversation", "sessionId", hidden);
            assertThat(conversation.path("messages").get(0).path("content").asText(), is("Geheimes Versteck bauen"));

            JsonNode gone = ask(parent, "action", "parent:delete", "sessionId", hidden, "requestId", "x-1");
            assertThat(gone.path("type").asText(), is("parent:deleted"));
            assertThat(gone.path("requestId").asText(), is("x-1"));
            assertThat(ask(parent, "action", "parent:overview").path("sessions").size(), is(1));
            assertThat(ask(parent, "action", "parent:conversation", "sessionId", hidden).path("code").asText(),
                       is("no_conversation"));
        }
    }

    @Test
    void overview_shows_usage_settings_and_safety_events_by_category_and_time() throws Exception {
        chatOnce("Hallo");
        server.crafty().conversations().store().record(Category.SELF_HARM, clock.instant());
        server.crafty().conversations().store().record(Category.PERSONAL_DATA, clock.instant().plusSeconds(1));
        try (WsClient parent = connect("/parent")) {
            ask(parent, "action", "parent:set_pin", "pin", "2468");
            JsonNode overview = ask(parent, "action", "parent:overview");
            JsonNode settings = overview.path("settings");
            assertThat(settings.path("language").asText(), is("de"));
            assertThat(settings.path("dailyLimitMinutes").asInt(), is(0));
            assertThat(settings.has("quietFrom"), is(false));
            assertThat(settings.path("breakAfterMinutes").asInt(), is(45));
            assertThat(settings.path("guard").asBoolean(), is(false));
            assertThat(settings.path("helplineCountry").asText(), is("DE"));
            assertThat(settings.path("retentionDays").asInt(), is(90));
            assertThat(overview.path("usage").path("day").asText(), is("2026-12-05"));
            JsonNode events = overview.path("safetyEvents");
            assertThat(events.size(), is(2));
            assertThat(events.get(0).path("category").asText(), is("personal_data"));
            assertThat(events.get(1).path("category").asText(), is("self_harm"));
            assertThat(events.get(1).path("at").asLong(), is(clock.millis()));
            assertThat("no words, only category and time", events.get(1).size(), is(2));
        }
    }

    @Test
    void a_changed_limit_is_saved_and_enforced_on_the_next_turn() throws Exception {
        try (WsClient parent = connect("/parent")) {
            ask(parent, "action", "parent:set_pin", "pin", "2468");
            JsonNode bad = ask(parent, "action", "parent:settings", "settings", Map.of("dailyLimitMinutes", 5000));
            assertThat(bad.path("code").asText(), is("bad_settings"));
            assertThat(bad.path("error").asText(), containsString("dailyLimitMinutes"));
            JsonNode changed = ask(parent, "action", "parent:settings", "settings",
                                   Map.of("quietFrom", "14:00", "quietUntil", "16:00", "guard", true,
                                          "helplineCountry", "at"));
            assertThat(changed.path("type").asText(), is("parent:settings"));
            assertThat(changed.path("settings").path("quietFrom").asText(), is("14:00"));
            assertThat(changed.path("settings").path("guard").asBoolean(), is(true));
            assertThat(changed.path("settings").path("helplineCountry").asText(), is("AT"));
        }
        assertThat(server.crafty().parent().settings().current().guard(), is(true));
        try (WsClient chat = connect("/chat")) {
            chat.nextJson();
            JsonNode refused = ask(chat, "action", "chat", "payload", "Hallo");
            assertThat(refused.path("code").asText(), is("quiet_hours"));
            assertThat(refused.path("content").asText(), containsString("Ab 16:00 Uhr"));
        }
        assertThat("saved in the history file", server.crafty().conversations().store().parentRecords().settings()
                .get("quietUntil"), is("16:00"));
    }

    @Test
    void the_language_setting_applies_from_the_next_start() throws Exception {
        try (WsClient parent = connect("/parent")) {
            ask(parent, "action", "parent:set_pin", "pin", "2468");
            assertThat(ask(parent, "action", "parent:settings", "settings", Map.of("language", "en"))
                               .path("settings").path("language").asText(), is("en"));
        }
        try (WsClient chat = connect("/chat")) {
            assertThat("this run keeps its language", chat.nextJson().path("content").asText(), containsString("ich bin Crafty"));
        }
        server.close();
        server = TestCrafty.start(Map.of("ollama.url", OLLAMA.url(), "crafty.token", TOKEN,
                                         "store.path", dir.resolve("crafty.db").toString()), clock);
        assertThat(server.crafty().language().code(), is("en"));
        try (WsClient chat = connect("/chat")) {
            assertThat(chat.nextJson().path("content").asText(), containsString("I'm Crafty"));
        }
    }

    @Test
    void the_parent_route_needs_the_token_and_refuses_foreign_origins() {
        CompletionException noToken = assertThrows(CompletionException.class,
                                                   () -> WsClient.connect(TestServer.ws(server.port(), "/parent")));
        assertThat(noToken.getCause(), instanceOf(WebSocketHandshakeException.class));
        Map<String, String> foreign = Map.of("Authorization", "Bearer " + TOKEN, "Origin", "https://evil.example");
        CompletionException badOrigin = assertThrows(CompletionException.class,
                                                     () -> WsClient.connect(TestServer.ws(server.port(), "/parent"), foreign,
                                                                            List.of()));
        assertThat(badOrigin.getCause(), instanceOf(WebSocketHandshakeException.class));
    }
}
