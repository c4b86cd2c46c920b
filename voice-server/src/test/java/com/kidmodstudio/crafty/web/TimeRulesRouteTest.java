package com.kidmodstudio.crafty.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.parent.ParentSettingsStore;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;
import com.kidmodstudio.crafty.testing.ZonedTestClock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The parent's time rules over real sockets: every route refuses a turn in quiet hours or over
 * the daily limit with a typed error naming the time it opens, a second connection changes
 * nothing, and the break reminder precedes the reply once.
 */
class TimeRulesRouteTest {
    private static final FakeOllama OLLAMA = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(1)).start();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final ZonedTestClock clock = new ZonedTestClock(LocalDateTime.parse("2026-12-05T23:30").atZone(BERLIN));
    private TestCrafty.Running server;

    @BeforeEach
    void start() {
        Map<String, String> config = new HashMap<>(Map.of("ollama.url", OLLAMA.url(), "tts.engine", "espeak",
                                                          "stt.engine", "none", "parent.idle", "2h"));
        server = TestCrafty.start(config, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void stopOllama() {
        OLLAMA.close();
    }

    private void set(String... nameValue) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put(nameValue[i], nameValue[i + 1]);
        }
        ParentSettingsStore settings = server.crafty().parent().settings();
        settings.update(settings.current().with(values));
    }

    private WsClient connect(String path) {
        return WsClient.connect(TestServer.ws(server.port(), path));
    }

    private static void assertQuiet(JsonNode error, String requestId) {
        assertThat(error.toString(), error.path("type").asText(), is("error"));
        assertThat(error.path("code").asText(), is("quiet_hours"));
        assertThat(error.path("category").asText(), is("parent"));
        assertThat(error.path("opensAt").asText(), is("2026-12-06T07:00:00+01:00"));
        assertThat(error.path("content").asText(), containsString("Morgen ab 07:00 Uhr"));
        assertThat(error.path("requestId").asText(), is(requestId));
    }

    @Test
    void every_route_refuses_a_turn_in_quiet_hours_with_the_time_it_opens_and_stays_usable() throws Exception {
        set("quietFrom", "21:00", "quietUntil", "07:00");
        try (WsClient chat = connect("/chat"); WsClient voiceChat = connect("/voice/chat");
             WsClient tts = connect("/voice/tts"); WsClient stt = connect("/voice/stt")) {
            chat.nextJson();
            chat.send("{\"action\":\"chat\",\"payload\":\"Hallo\",\"requestId\":\"c-1\"}");
            assertQuiet(chat.await("error"), "c-1");

            voiceChat.await("session");
            voiceChat.send("{\"action\":\"speak\",\"text\":\"Hallo\",\"requestId\":\"v-1\"}");
            assertQuiet(voiceChat.await("error"), "v-1");

            tts.send("{\"text\":\"Hallo\",\"requestId\":\"t-1\"}");
            assertQuiet(tts.await("error"), "t-1");

            stt.sendBinary(new byte[3200]);
            stt.await("ack");
            stt.send("{\"action\":\"transcribe\",\"requestId\":\"s-1\"}");
            assertQuiet(stt.await("error"), "s-1");

            chat.send("{\"action\":\"ping\",\"t\":1}");
            assertThat("the socket lives on", chat.await("pong").path("t").asLong(), is(1L));
        }
    }

    @Test
    void a_second_connection_or_a_reload_is_refused_the_same_way() throws Exception {
        set("quietFrom", "21:00", "quietUntil", "07:00");
        try (WsClient first = connect("/chat")) {
            first.nextJson();
            first.send("{\"action\":\"chat\",\"payload\":\"Hallo\",\"requestId\":\"a\"}");
            assertQuiet(first.await("error"), "a");
        }
        try (WsClient second = connect("/chat"); WsClient third = connect("/voice/chat")) {
            second.nextJson();
            second.send("{\"action\":\"chat\",\"payload\":\"Hallo\",\"requestId\":\"b\"}");
            assertQuiet(second.await("error"), "b");
            third.await("session");
            third.send("{\"action\":\"speak\",\"text\":\"Hallo\",\"requestId\":\"c\"}");
            assertQuiet(third.await("error"), "c");
        }
        clock.set(LocalDateTime.parse("2026-12-06T07:00").atZone(BERLIN));
        try (WsClient morning = connect("/chat")) {
            morning.nextJson();
            morning.send("{\"action\":\"chat\",\"payload\":\"Guten Morgen\",\"requestId\":\"d\"}");
            assertThat(morning.until(m -> m.path("done").asBoolean()).getLast().json().path("fullContent").asText(),
                       containsString("Guten Morgen"));
        }
    }

    @Test
    void over_the_daily_limit_every_connection_gets_time_limit_until_midnight() throws Exception {
        clock.set(LocalDateTime.parse("2026-12-05T16:00").atZone(BERLIN));
        set("dailyLimitMinutes", "30");
        server.crafty().conversations().store().parentRecords().addUsage(LocalDate.parse("2026-12-05"),
                                                                        Duration.ofMinutes(30).toMillis());
        try (WsClient chat = connect("/chat"); WsClient tts = connect("/voice/tts")) {
            chat.nextJson();
            chat.send("{\"action\":\"chat\",\"payload\":\"Noch eine Frage\",\"requestId\":\"l-1\"}");
            JsonNode error = chat.await("error");
            assertThat(error.path("code").asText(), is("time_limit"));
            assertThat(error.path("opensAt").asText(), is("2026-12-06T00:00:00+01:00"));
            assertThat(error.path("content").asText(), containsString("genug geredet"));
            tts.send("{\"text\":\"Hallo\",\"requestId\":\"l-2\"}");
            assertThat(tts.await("error").path("code").asText(), is("time_limit"));
        }
    }

    @Test
    void crafty_suggests_a_break_once_after_45_minutes_of_talk() throws Exception {
        clock.set(LocalDateTime.parse("2026-12-05T15:00").atZone(BERLIN));
        try (WsClient chat = connect("/chat")) {
            chat.nextJson();
            chat.send("{\"action\":\"chat\",\"payload\":\"Eins\",\"requestId\":\"b-1\"}");
            List<WsClient.Frame> first = chat.until(m -> m.path("done").asBoolean());
            assertThat(first.stream().noneMatch(f -> "reminder".equals(f.type())), is(true));
            clock.advance(Duration.ofMinutes(46));
            chat.send("{\"action\":\"chat\",\"payload\":\"Zwei\",\"requestId\":\"b-2\"}");
            List<WsClient.Frame> second = chat.until(m -> m.path("done").asBoolean());
            JsonNode reminder = second.getFirst().json();
            assertThat(reminder.path("type").asText(), is("reminder"));
            assertThat(reminder.path("kind").asText(), is("break"));
            assertThat(reminder.path("minutes").asLong(), is(46L));
            assertThat(reminder.path("requestId").asText(), is("b-2"));
            assertThat(reminder.path("content").asText(), containsString("Pause"));
            clock.advance(Duration.ofMinutes(5));
            chat.send("{\"action\":\"chat\",\"payload\":\"Drei\",\"requestId\":\"b-3\"}");
            List<WsClient.Frame> third = chat.until(m -> m.path("done").asBoolean());
            assertThat("only once per stretch", third.stream().noneMatch(f -> "reminder".equals(f.type())), is(true));
        }
    }
}
