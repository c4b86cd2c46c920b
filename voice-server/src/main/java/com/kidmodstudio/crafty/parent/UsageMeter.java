package com.kidmodstudio.crafty.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.store.ParentRecords;
import com.kidmodstudio.crafty.store.StoreException;

/**
 * Counts the child's active talk time, for every route and connection together. Each turn
 * touches the meter when it starts and when it ends; the time between two touches counts when
 * it is at most {@code idle} (the child reading, typing or listening), a longer gap starts a new
 * stretch. The time is booked to the local day it fell on (split at midnight) and saved, so a
 * restart does not reset it. The current stretch is the "continuous talk" of the break reminder.
 *
 * <p>A touch only books in memory; the booked time is written to the store behind the turns,
 * at most {@code saveDelay} later and together with whatever was booked meanwhile (one write per
 * day booked), and at {@link #close()}. So no touch waits for the disk (every turn of every
 * connection touches this meter twice), and a crash loses at most {@code saveDelay} of counted
 * time. A failed write is logged and kept in memory for the next one, so the limit still holds
 * today. {@link #usedOn} is exact at every moment: the store's count plus what is not written
 * yet; it waits only while one of these writes is under way, at most one per {@code saveDelay}.
 */
final class UsageMeter {
    private static final Logger LOGGER = Logger.getLogger(UsageMeter.class.getName());

    private final ParentRecords records;
    private final Clock clock;
    private final Duration idle;
    private final Duration saveDelay;
    private final Map<LocalDate, Long> unsaved = new HashMap<>();
    private Instant last;
    private Instant stretchStart;
    private boolean saveDue;
    private boolean saving;
    private long saves;

    UsageMeter(ParentRecords records, Clock clock, Duration idle, Duration saveDelay) {
        this.records = records;
        this.clock = clock;
        this.idle = idle;
        this.saveDelay = saveDelay;
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
     * Active talk time of a local day: what the store holds (another program may have added to
     * it) and what is booked but not written yet. While a write is under way, waits for it, so
     * that nothing is counted twice or missed.
     *
     * @param day the day
     * @return milliseconds; what is not written yet when the store cannot be read
     */
    long usedOn(LocalDate day) {
        while (true) {
            long pending;
            long savesBefore;
            synchronized (this) {
                awaitSaved();
                pending = unsaved.getOrDefault(day, 0L);
                savesBefore = saves;
            }
            long stored;
            try {
                stored = records.usage(day);
            } catch (StoreException e) {
                LOGGER.warning("reading the talk time failed: " + e.getMessage());
                stored = 0;
            }
            synchronized (this) {
                if (!saving && saves == savesBefore) {
                    return stored + pending;
                }
            }
        }
    }

    /** Writes what is booked and not written yet, before this returns; for the sidecar's end. */
    void close() {
        save();
    }

    /** Books the time between two touches, split at midnight; called with the monitor held. */
    private void book(Instant from, Instant to) {
        ZonedDateTime start = from.atZone(clock.getZone());
        ZonedDateTime end = to.atZone(clock.getZone());
        while (start.toLocalDate().isBefore(end.toLocalDate())) {
            ZonedDateTime midnight = start.toLocalDate().plusDays(1).atStartOfDay(clock.getZone());
            unsaved.merge(start.toLocalDate(), Duration.between(start, midnight).toMillis(), Long::sum);
            start = midnight;
        }
        long millis = Duration.between(start, end).toMillis();
        if (millis > 0) {
            unsaved.merge(start.toLocalDate(), millis, Long::sum);
        }
        if (!unsaved.isEmpty() && !saveDue) {
            saveDue = true;
            Thread.ofVirtual().name("crafty-talk-time").start(this::saveLater);
        }
    }

    private void saveLater() {
        try {
            Thread.sleep(saveDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    /** Writes every booked day; one write at a time, outside the monitor. */
    private void save() {
        Map<LocalDate, Long> batch;
        synchronized (this) {
            awaitSaved();
            saveDue = false;
            if (unsaved.isEmpty()) {
                return;
            }
            batch = new HashMap<>(unsaved);
            unsaved.clear();
            saving = true;
        }
        Map<LocalDate, Long> failed = new HashMap<>();
        for (Map.Entry<LocalDate, Long> day : batch.entrySet()) {
            try {
                records.addUsage(day.getKey(), day.getValue());
            } catch (StoreException e) {
                LOGGER.warning("saving the talk time failed: " + e.getMessage());
                failed.put(day.getKey(), day.getValue());
            }
        }
        synchronized (this) {
            failed.forEach((day, millis) -> unsaved.merge(day, millis, Long::sum));
            saving = false;
            saves++;
            notifyAll();
        }
    }

    /** Waits while a write is under way; called with the monitor held. */
    private void awaitSaved() {
        boolean interrupted = false;
        while (saving) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
