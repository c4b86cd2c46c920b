package com.kidmodstudio.crafty.ws;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The heartbeat's rules, on a clock the test moves: ping after 20 s of silence, 20 s for the
 * answer, idle after 10 min, queue age 10 s.
 */
class WatchTest {
    private static final long S = Duration.ofSeconds(1).toNanos();
    private static final long START = 1_000 * S;

    private static Watch watch(String ping, String idle) {
        return new Watch(new SocketSettings(Duration.parse(ping), Duration.ofSeconds(20), Duration.parse(idle),
                                            Duration.ofSeconds(2), 1 << 22, Duration.ofSeconds(10), 1024, 1024, 4096),
                         START);
    }

    @Test
    void pings_a_client_silent_for_the_ping_time_and_waits_for_the_answer() {
        Watch watch = watch("PT20S", "PT10M");
        assertThat(watch.check(START + 19 * S, 0, () -> false), is(Watch.Due.NOTHING));
        assertThat(watch.check(START + 20 * S, 0, () -> false), is(Watch.Due.PING));
        watch.pinged(START + 20 * S);
        assertThat("one ping at a time", watch.check(START + 30 * S, 0, () -> false), is(Watch.Due.NOTHING));
        assertThat(watch.check(START + 40 * S, 0, () -> false), is(Watch.Due.SILENT));
    }

    @Test
    void any_frame_after_the_ping_answers_it_and_the_next_ping_follows_the_next_silence() {
        Watch watch = watch("PT20S", "PT10M");
        watch.pinged(START + 20 * S);
        watch.received(START + 25 * S);
        assertThat(watch.check(START + 41 * S, 0, () -> false), is(Watch.Due.NOTHING));
        assertThat(watch.check(START + 45 * S, 0, () -> false), is(Watch.Due.PING));
    }

    @Test
    void idle_only_without_messages_and_without_a_running_turn() {
        Watch watch = watch("PT0S", "PT10M");
        watch.received(START + 500 * S);
        assertThat("frames such as pongs are no messages", watch.check(START + 600 * S, 0, () -> false), is(Watch.Due.IDLE));
        assertThat(watch.check(START + 600 * S, 0, () -> true), is(Watch.Due.NOTHING));
        watch.active(START + 590 * S);
        assertThat(watch.check(START + 600 * S, 0, () -> false), is(Watch.Due.NOTHING));
    }

    @Test
    void zero_turns_ping_and_idle_off() {
        Watch watch = watch("PT0S", "PT0S");
        assertThat(watch.check(START + 100_000 * S, 0, () -> false), is(Watch.Due.NOTHING));
    }

    @Test
    void a_frame_waiting_longer_than_the_queue_age_is_a_slow_client_before_anything_else() {
        Watch watch = watch("PT20S", "PT10M");
        assertThat(watch.check(START + 30 * S, START + 25 * S, () -> false), is(Watch.Due.PING));
        assertThat(watch.check(START + 30 * S, START + 19 * S, () -> false), is(Watch.Due.SLOW));
    }
}
