package com.kidmodstudio.crafty.parent;

import java.time.LocalTime;
import java.time.ZonedDateTime;

import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * Whether Crafty may talk at a moment, by the parent's quiet hours and daily limit, and if not,
 * when it may again. Pure: the time, the zone and today's usage are given. Times are local, so a
 * quiet time of 21:00–07:00 spans midnight, and on the nights the clocks change it still ends at
 * 07:00 local time (a time that does not exist that night moves on by the gap, as
 * {@link ZonedDateTime#of} does).
 */
public final class TimeRules {
    private static final int ROUNDS = 4;

    private TimeRules() {
    }

    /**
     * Decides a turn.
     *
     * @param settings   the parent's settings
     * @param now        the local time now
     * @param usedTodayMs active talk time of {@code now}'s day so far
     * @return open, or closed with the reason and the time it opens again
     */
    public static Verdict check(ParentSettings settings, ZonedDateTime now, long usedTodayMs) {
        ErrorCode reason = null;
        ZonedDateTime opens = now;
        for (int round = 0; round < ROUNDS; round++) {
            if (quiet(settings, opens.toLocalTime())) {
                reason = reason == null ? ErrorCode.QUIET_HOURS : reason;
                opens = quietEnd(settings, opens);
            } else if (overLimit(settings, opens, now, usedTodayMs)) {
                reason = reason == null ? ErrorCode.TIME_LIMIT : reason;
                opens = opens.toLocalDate().plusDays(1).atStartOfDay(opens.getZone());
            } else {
                break;
            }
        }
        return reason == null ? Verdict.OPEN : new Verdict(reason, opens);
    }

    /**
     * Whether a local time lies in the quiet hours.
     *
     * @param settings the parent's settings
     * @param time     the local time
     * @return true when Crafty is quiet then
     */
    static boolean quiet(ParentSettings settings, LocalTime time) {
        if (!settings.hasQuietHours()) {
            return false;
        }
        LocalTime from = settings.quietFrom();
        LocalTime until = settings.quietUntil();
        return from.isBefore(until)
                ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
    }

    private static ZonedDateTime quietEnd(ParentSettings settings, ZonedDateTime at) {
        boolean endsTomorrow = settings.quietFrom().isAfter(settings.quietUntil()) && !at.toLocalTime().isBefore(settings.quietFrom());
        return ZonedDateTime.of(at.toLocalDate().plusDays(endsTomorrow ? 1 : 0), settings.quietUntil(), at.getZone());
    }

    private static boolean overLimit(ParentSettings settings, ZonedDateTime at, ZonedDateTime now, long usedTodayMs) {
        if (settings.dailyLimit().isZero()) {
            return false;
        }
        // a later day starts with nothing used
        return at.toLocalDate().equals(now.toLocalDate()) && usedTodayMs >= settings.dailyLimit().toMillis();
    }

    /**
     * A decision.
     *
     * @param reason  {@link ErrorCode#QUIET_HOURS} or {@link ErrorCode#TIME_LIMIT}, or {@code null} when open
     * @param opensAt when Crafty talks again, or {@code null} when open
     */
    public record Verdict(ErrorCode reason, ZonedDateTime opensAt) {
        /** Crafty may talk. */
        public static final Verdict OPEN = new Verdict(null, null);

        /**
         * Whether a turn may start.
         *
         * @return true when open
         */
        public boolean open() {
            return reason == null;
        }
    }
}
