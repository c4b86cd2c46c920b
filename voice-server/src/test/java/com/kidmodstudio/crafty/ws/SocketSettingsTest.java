package com.kidmodstudio.crafty.ws;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.testing.TestServer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code ws} keys and {@code limits.hard}, read from the shipped application.properties with overrides.
 */
class SocketSettingsTest {
    private static SocketSettings read(Map<String, String> overrides) {
        Config config = TestServer.config(overrides);
        return SocketSettings.create(config.get("ws"), config.get("limits"), 65536, 1048576);
    }

    @Test
    void shipped_defaults_match_the_documentation() {
        SocketSettings settings = read(Map.of());
        assertThat(settings.ping(), is(Duration.ofSeconds(20)));
        assertThat(settings.pong(), is(Duration.ofSeconds(20)));
        assertThat(settings.idle(), is(Duration.ofMinutes(10)));
        assertThat(settings.close(), is(Duration.ofSeconds(2)));
        assertThat(settings.queueBytes(), is(4 * 1024 * 1024));
        assertThat(settings.queueAge(), is(Duration.ofSeconds(10)));
        assertThat(settings.hardBytes(), is(4 * 1024 * 1024));
        assertThat("a quarter of the shortest deadline, at most 1 s", settings.tick(), is(Duration.ofSeconds(1)));
    }

    @Test
    void short_times_check_often() {
        assertThat(read(Map.of("ws.ping", "300ms", "ws.pong", "300ms")).tick(), is(Duration.ofMillis(75)));
    }

    @Test
    void hard_cap_below_a_message_limit_is_refused_naming_the_key() {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of("limits.hard", "65536")));
        assertThat(problem.getMessage(), containsString("limits.hard"));
        assertThat(problem.getMessage(), containsString("LIMITS_HARD"));
    }

    @Test
    void zero_pong_time_is_refused() {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of("ws.pong", "0")));
        assertThat(problem.getMessage(), containsString("ws.pong"));
    }

    @Test
    void queue_bound_below_16_kib_is_refused() {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of("ws.queue.bytes", "1000")));
        assertThat(problem.getMessage(), containsString("WS_QUEUE_BYTES"));
    }
}
