package com.kidmodstudio.crafty.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.Supplier;

import com.kidmodstudio.crafty.store.ParentRecords;

/**
 * The one check every turn passes before it starts, on every route and connection: the parent's
 * quiet hours and daily limit ({@link TimeRules}), and the break reminder, due once per stretch
 * of continuous talk when it reaches {@link ParentSettings#breakAfter()}. The sidecar keeps the
 * count, so reloading the page or opening another tab changes nothing. A turn that starts
 * before the limit is reached runs to its end.
 */
public final class TurnGate {
    /** How long booked talk time may wait in memory before it is written (see {@link UsageMeter}). */
    private static final Duration SAVE_DELAY = Duration.ofSeconds(1);

    private final Supplier<ParentSettings> settings;
    private final UsageMeter meter;
    private final Clock clock;
    private Instant remindedStretch;

    /**
     * Creates the gate.
     *
     * @param settings the parent's settings in force
     * @param records  where the talk time is kept
     * @param clock    the clock; its zone is the local time of quiet hours and days
     * @param idle     the longest pause that still counts as talking
     */
    public TurnGate(Supplier<ParentSettings> settings, ParentRecords records, Clock clock, Duration idle) {
        this(settings, records, clock, idle, SAVE_DELAY);
    }

    TurnGate(Supplier<ParentSettings> settings, ParentRecords records, Clock clock, Duration idle, Duration saveDelay) {
        this.settings = settings;
        this.meter = new UsageMeter(records, clock, idle, saveDelay);
        this.clock = clock;
    }

    /**
     * Asks to start a turn. When it may start, the time since the last activity is counted and
     * the break reminder is due when the stretch of talk reached the threshold (once per stretch).
     *
     * @return whether the turn may start, and whether to suggest a break
     */
    public synchronized Admission admit() {
        ParentSettings now = settings.get();
        ZonedDateTime local = clock.instant().atZone(clock.getZone());
        TimeRules.Verdict verdict = TimeRules.check(now, local, meter.usedOn(local.toLocalDate()));
        if (!verdict.open()) {
            return new Admission(verdict, null);
        }
        Instant at = meter.touch();
        Duration stretch = meter.stretch(at);
        Duration reminder = null;
        if (!now.breakAfter().isZero() && stretch.compareTo(now.breakAfter()) >= 0
                && !Objects.equals(remindedStretch, meter.stretchStart())) {
            remindedStretch = meter.stretchStart();
            reminder = stretch;
        }
        return new Admission(verdict, reminder);
    }

    /** A turn ended: the time it took counts. */
    public void finished() {
        meter.touch();
    }

    /**
     * Today's active talk time.
     *
     * @return it
     */
    public Duration usedToday() {
        return Duration.ofMillis(meter.usedOn(LocalDate.now(clock)));
    }

    /** Writes the talk time not written yet, before this returns; for the sidecar's end. */
    public void close() {
        meter.close();
    }

    /**
     * The clock the gate reads.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The answer to {@link #admit()}.
     *
     * @param verdict     open, or closed with the reason and when it opens again
     * @param breakReminder the length of the stretch when a break reminder is due now, else {@code null}
     */
    public record Admission(TimeRules.Verdict verdict, Duration breakReminder) {
        /**
         * Whether the turn may start.
         *
         * @return true when it may
         */
        public boolean open() {
            return verdict.open();
        }
    }
}
