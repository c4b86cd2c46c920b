package com.kidmodstudio.crafty.parent;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Quiet hours and the daily limit at given local times, across midnight and the nights the
 * clocks change.
 */
class TimeRulesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ParentSettings DEFAULTS = ParentSettings.defaults("de", Duration.ofDays(90));

    private static ParentSettings quiet(String from, String until) {
        return new ParentSettings("de", Duration.ZERO, LocalTime.parse(from), LocalTime.parse(until),
                                  ParentSettings.BREAK_AFTER, false, "DE", Duration.ofDays(90));
    }

    private static ParentSettings limit(int minutes, String from, String until) {
        return new ParentSettings("de", Duration.ofMinutes(minutes), from == null ? null : LocalTime.parse(from),
                                  until == null ? null : LocalTime.parse(until), ParentSettings.BREAK_AFTER, false, "DE",
                                  Duration.ofDays(90));
    }

    private static ZonedDateTime at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN);
    }

    @Test
    void the_defaults_never_close() {
        TimeRules.Verdict verdict = TimeRules.check(DEFAULTS, at("2026-12-05T03:00"), Duration.ofHours(20).toMillis());
        assertThat(verdict.open(), is(true));
        assertThat(verdict.opensAt(), is(nullValue()));
    }

    @Test
    void quiet_hours_within_one_day_open_at_their_end() {
        ParentSettings settings = quiet("13:00", "15:00");
        assertThat(TimeRules.check(settings, at("2026-12-05T12:59"), 0).open(), is(true));
        TimeRules.Verdict verdict = TimeRules.check(settings, at("2026-12-05T13:00"), 0);
        assertThat(verdict.reason(), is(ErrorCode.QUIET_HOURS));
        assertThat(verdict.opensAt(), is(at("2026-12-05T15:00")));
        assertThat(TimeRules.check(settings, at("2026-12-05T15:00"), 0).open(), is(true));
    }

    @Test
    void quiet_hours_across_midnight_end_the_next_morning_before_midnight_and_the_same_morning_after() {
        ParentSettings settings = quiet("21:00", "07:00");
        assertThat(TimeRules.check(settings, at("2026-12-05T20:59"), 0).open(), is(true));
        assertThat(TimeRules.check(settings, at("2026-12-05T21:00"), 0).opensAt(), is(at("2026-12-06T07:00")));
        assertThat(TimeRules.check(settings, at("2026-12-05T23:59"), 0).opensAt(), is(at("2026-12-06T07:00")));
        assertThat(TimeRules.check(settings, at("2026-12-06T00:00"), 0).opensAt(), is(at("2026-12-06T07:00")));
        assertThat(TimeRules.check(settings, at("2026-12-06T06:59"), 0).opensAt(), is(at("2026-12-06T07:00")));
        assertThat(TimeRules.check(settings, at("2026-12-06T07:00"), 0).open(), is(true));
    }

    @Test
    void a_used_up_day_opens_at_the_next_local_midnight() {
        ParentSettings settings = limit(60, null, null);
        assertThat(TimeRules.check(settings, at("2026-12-05T16:00"), Duration.ofMinutes(59).toMillis()).open(), is(true));
        TimeRules.Verdict verdict = TimeRules.check(settings, at("2026-12-05T16:00"), Duration.ofMinutes(60).toMillis());
        assertThat(verdict.reason(), is(ErrorCode.TIME_LIMIT));
        assertThat(verdict.opensAt(), is(at("2026-12-06T00:00")));
    }

    @Test
    void a_used_up_day_whose_midnight_is_quiet_opens_when_the_quiet_hours_end() {
        ParentSettings settings = limit(60, "21:00", "07:00");
        TimeRules.Verdict verdict = TimeRules.check(settings, at("2026-12-05T16:00"), Duration.ofHours(2).toMillis());
        assertThat(verdict.reason(), is(ErrorCode.TIME_LIMIT));
        assertThat(verdict.opensAt(), is(at("2026-12-06T07:00")));
    }

    @Test
    void quiet_hours_over_the_spring_forward_night_end_at_seven_local_time_an_hour_sooner() {
        ParentSettings settings = quiet("22:00", "07:00");
        ZonedDateTime evening = at("2026-03-28T22:00");
        TimeRules.Verdict verdict = TimeRules.check(settings, evening, 0);
        assertThat(verdict.opensAt(), is(at("2026-03-29T07:00")));
        assertThat(verdict.opensAt().getOffset().getTotalSeconds(), is(2 * 3600));
        assertThat(Duration.between(evening, verdict.opensAt()), is(Duration.ofHours(8)));
    }

    @Test
    void quiet_hours_over_the_fall_back_night_last_an_hour_longer() {
        ParentSettings settings = quiet("22:00", "07:00");
        ZonedDateTime evening = at("2026-10-24T22:00");
        TimeRules.Verdict verdict = TimeRules.check(settings, evening, 0);
        assertThat(verdict.opensAt(), is(at("2026-10-25T07:00")));
        assertThat(Duration.between(evening, verdict.opensAt()), is(Duration.ofHours(10)));
    }

    @Test
    void quiet_hours_ending_in_the_skipped_hour_end_when_the_clock_jumps() {
        ParentSettings settings = quiet("01:00", "02:30");
        TimeRules.Verdict verdict = TimeRules.check(settings, at("2026-03-29T01:30"), 0);
        assertThat(verdict.reason(), is(ErrorCode.QUIET_HOURS));
        assertThat(verdict.opensAt().toLocalTime(), is(LocalTime.of(3, 30)));
        assertThat(verdict.opensAt().toInstant(), is(at("2026-03-29T01:30").toInstant().plus(Duration.ofHours(1))));
    }

    @Test
    void the_limit_counts_the_local_day_the_clocks_fall_back_on() {
        ParentSettings settings = limit(30, null, null);
        TimeRules.Verdict verdict = TimeRules.check(settings, at("2026-10-25T23:00"), Duration.ofMinutes(30).toMillis());
        assertThat(verdict.opensAt(), is(at("2026-10-26T00:00")));
        assertThat(verdict.opensAt().getOffset().getTotalSeconds(), is(3600));
    }
}
