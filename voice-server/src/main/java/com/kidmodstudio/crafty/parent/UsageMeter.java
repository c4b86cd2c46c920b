package com.kidmodstudio.crafty.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.store.ParentRecords;
import com.kidmodstudio.crafty.store.StoreException;

/**
 * Counts the child's active talk time, for every route and connection together. Each turn
 * touches the meter when it starts and when it ends; the time between two touches counts when
 * it is at most {@code idle} (the child reading, typing or listening), a longer gap starts a new
 * stretch. The time is booked to the local day it fell on (split at midnight) and saved, so a
 * restart does not reset it. The current stretch is the "continuous talk" of the break reminder.
 */
final class UsageMeter {
    private static final Logger LOGGER = Logger.getLogger(UsageMeter.class.getName());

    private final ParentRecords records;
    private final Clock clock;
    private final Duration idle;
    private Instant last;
    private Instant stretchStart;

    UsageMeter(ParentRecords records, Clock clock, Duration idle) {
        this.records = records;
        this.clock = clock;
        this.idle = idle;
    }

    /**
     * Marks activity now: books the time since the last activity when the gap was short, else
     * starts a new stretch.
     *
     * @return now
     */
    synchronized Instant touch() {
        Instant now = clock.instant();
        if (last != null && !now.isBefore(last) && Duration.between(last, now).compareTo(idle) <= 0) {
            book(last, now);
        } else {
            stretchStart = now;
        }
        last = now;
        return now;
    }

    /**
     * How long the current stretch of talk has lasted.
     *
     * @param now the time now
     * @return zero when there is none
     */
    synchronized Duration stretch(Instant now) {
        if (last == null || Duration.between(last, now).compareTo(idle) > 0) {
            return Duration.ZERO;
        }
        return Duration.between(stretchStart, now);
    }

    /**
     * When the current stretch began.
     *
     * @return its start, or {@code null}
     */
    synchronized Instant stretchStart() {
        return stretchStart;
    }

    /**
     * Active talk time of a local day.
     *
     * @param day the day
     * @return milliseconds; 0 when the store cannot be read
     */
    long usedOn(LocalDate day) {
        try {
            return records.usage(day);
        } catch (StoreException e) {
            LOGGER.warning("reading the talk time failed: " + e.getMessage());
            return 0;
        }
    }

    private void book(Instant from, Instant to) {
        ZonedDateTime start = from.atZone(clock.getZone());
        ZonedDateTime end = to.atZone(clock.getZone());
        try {
            while (start.toLocalDate().isBefore(end.toLocalDate())) {
                ZonedDateTime midnight = start.toLocalDate().plusDays(1).atStartOfDay(clock.getZone());
                records.addUsage(start.toLocalDate(), Duration.between(start, midnight).toMillis());
                start = midnight;
            }
            long millis = Duration.between(start, end).toMillis();
            if (millis > 0) {
                records.addUsage(start.toLocalDate(), millis);
            }
        } catch (StoreException e) {
            LOGGER.warning("saving the talk time failed: " + e.getMessage());
        }
    }
}
