package com.kidmodstudio.crafty.parent;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.ParentRecords;
import com.kidmodstudio.crafty.store.SqliteConversationStore;
import com.kidmodstudio.crafty.testing.ZonedTestClock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The gate every turn passes, driven by a clock the test moves: active talk time, the daily
 * limit it feeds, and the break reminder.
 */
class TurnGateTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final ZonedTestClock clock = new ZonedTestClock(LocalDateTime.parse("2026-12-05T15:00").atZone(BERLIN));
    private ConversationStore store;
    private ParentSettingsStore settings;
    private TurnGate gate;

    @BeforeEach
    void open() {
        store = SqliteConversationStore.open(":memory:", Duration.ofSeconds(1), "de", null, clock);
        settings = new ParentSettingsStore(store.parentRecords(), ParentSettings.defaults("de", Duration.ofDays(90)));
        gate = new TurnGate(settings, store.parentRecords(), clock, IDLE);
    }

    /** A turn of one minute, then a pause before the next. */
    private TurnGate.Admission turn(Duration pauseAfter) {
        TurnGate.Admission admission = gate.admit();
        if (admission.open()) {
            clock.advance(Duration.ofMinutes(1));
            gate.finished();
        }
        clock.advance(pauseAfter);
        return admission;
    }

    @Test
    void talk_counts_with_short_pauses_and_not_across_long_ones() {
        turn(Duration.ofMinutes(2));
        turn(Duration.ofMinutes(2));
        assertThat("two turns of a minute and the pause between them", gate.usedToday(), is(Duration.ofMinutes(4)));
        clock.advance(Duration.ofHours(1));
        turn(Duration.ZERO);
        assertThat("a long pause is not talk", gate.usedToday(), is(Duration.ofMinutes(5)));
    }

    @Test
    void the_turn_after_the_daily_limit_is_refused_until_midnight_and_the_next_day_starts_fresh() {
        settings.update(settings.current().with(Map.of("dailyLimitMinutes", "10")));
        TurnGate.Admission last = null;
        for (int i = 0; i < 7; i++) {
            last = turn(Duration.ofMinutes(1));
        }
        assertThat(last.open(), is(false));
        assertThat(last.verdict().reason(), is(ErrorCode.TIME_LIMIT));
        assertThat(last.verdict().opensAt(), is(LocalDate.parse("2026-12-06").atStartOfDay(BERLIN)));
        clock.set(LocalDateTime.parse("2026-12-06T00:00").atZone(BERLIN));
        assertThat(gate.admit().open(), is(true));
    }

    @Test
    void a_refused_turn_does_not_count_as_talk() {
        settings.update(settings.current().with(Map.of("quietFrom", "14:00", "quietUntil", "16:00")));
        for (int i = 0; i < 3; i++) {
            assertThat(turn(Duration.ofMinutes(1)).verdict().reason(), is(ErrorCode.QUIET_HOURS));
        }
        assertThat(gate.usedToday(), is(Duration.ZERO));
    }

    @Test
    void talk_over_midnight_is_split_between_the_two_days() {
        clock.set(LocalDateTime.parse("2026-12-05T23:58").atZone(BERLIN));
        gate.admit();
        clock.advance(Duration.ofMinutes(4));
        gate.finished();
        gate.close();
        assertThat(store.parentRecords().usage(LocalDate.parse("2026-12-05")), is(Duration.ofMinutes(2).toMillis()));
        assertThat(store.parentRecords().usage(LocalDate.parse("2026-12-06")), is(Duration.ofMinutes(2).toMillis()));
    }

    @Test
    void the_break_reminder_comes_once_when_45_minutes_of_talk_are_reached() {
        int reminders = 0;
        Duration remindedAfter = null;
        for (int i = 0; i < 20; i++) {
            TurnGate.Admission admission = turn(Duration.ofMinutes(2));
            if (admission.breakReminder() != null) {
                reminders++;
                remindedAfter = admission.breakReminder();
            }
        }
        assertThat(reminders, is(1));
        assertThat(remindedAfter, is(Duration.ofMinutes(45)));
    }

    @Test
    void after_a_real_break_the_reminder_comes_again() {
        settings.update(settings.current().with(Map.of("breakAfterMinutes", "6")));
        TurnGate.Admission first = null;
        for (int i = 0; i < 3; i++) {
            first = turn(Duration.ofMinutes(2));
        }
        assertThat(first.breakReminder(), is(Duration.ofMinutes(6)));
        clock.advance(Duration.ofMinutes(20));
        TurnGate.Admission second = null;
        for (int i = 0; i < 3; i++) {
            second = turn(Duration.ofMinutes(2));
        }
        assertThat(second.breakReminder(), is(notNullValue()));
    }

    @Test
    void no_reminder_when_the_parent_switched_it_off() {
        settings.update(settings.current().with(Map.of("breakAfterMinutes", "0")));
        for (int i = 0; i < 30; i++) {
            assertThat(turn(Duration.ofMinutes(2)).breakReminder(), is(nullValue()));
        }
    }

    @Test
    void the_count_survives_a_restart_because_it_is_stored() {
        turn(Duration.ofMinutes(2));
        turn(Duration.ZERO);
        gate.close();
        TurnGate restarted = new TurnGate(settings, store.parentRecords(), clock, IDLE);
        assertThat(restarted.usedToday(), is(Duration.ofMinutes(4)));
        assertThat(LocalTime.now(clock), is(LocalTime.of(15, 4)));
    }
    /** The store's talk time, counting the writes. */
    private final class CountedRecords implements ParentRecords {
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public Map<String, String> settings() {
            return store.parentRecords().settings();
        }

        @Override
        public void saveSettings(Map<String, String> values) {
            store.parentRecords().saveSettings(values);
        }

        @Override
        public long usage(LocalDate day) {
            return store.parentRecords().usage(day);
        }

        @Override
        public void addUsage(LocalDate day, long millis) {
            writes.incrementAndGet();
            store.parentRecords().addUsage(day, millis);
        }
    }

    @Test
    void turns_do_not_wait_for_the_disk_the_time_is_written_behind_them_in_one_write() {
        CountedRecords records = new CountedRecords();
        gate = new TurnGate(settings, records, clock, IDLE, Duration.ofHours(1));
        for (int i = 0; i < 20; i++) {
            turn(Duration.ofMinutes(1));
        }
        assertThat("no turn wrote to the store", records.writes.get(), is(0));
        assertThat("the count is exact before it is written", gate.usedToday(), is(Duration.ofMinutes(39)));
        gate.close();
        assertThat(records.writes.get(), is(1));
        assertThat(store.parentRecords().usage(LocalDate.parse("2026-12-05")), is(Duration.ofMinutes(39).toMillis()));
        assertThat("nothing is counted twice", gate.usedToday(), is(Duration.ofMinutes(39)));
    }

    @Test
    void the_time_is_written_soon_without_a_close_and_time_added_by_another_program_counts() throws Exception {
        CountedRecords records = new CountedRecords();
        gate = new TurnGate(settings, records, clock, IDLE, Duration.ZERO);
        turn(Duration.ofMinutes(1));
        turn(Duration.ZERO);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.parentRecords().usage(LocalDate.parse("2026-12-05")) < Duration.ofMinutes(3).toMillis()
               && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.parentRecords().usage(LocalDate.parse("2026-12-05")), is(Duration.ofMinutes(3).toMillis()));
        store.parentRecords().addUsage(LocalDate.parse("2026-12-05"), Duration.ofMinutes(60).toMillis());
        assertThat(gate.usedToday(), is(Duration.ofMinutes(63)));
    }
}
