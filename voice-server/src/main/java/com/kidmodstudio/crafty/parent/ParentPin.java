package com.kidmodstudio.crafty.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The PIN that opens the parent area: set on first use, kept only as a {@link PinHash}, and
 * locked after wrong tries — the first {@value #FREE_TRIES} are free, then every wrong try locks
 * the PIN for {@link #FIRST_WAIT}, doubling each time up to {@link #LONGEST_WAIT}. The state lives
 * in a {@link PinFile}, read on every call, so deleting that file (or
 * {@code --reset-parent-pin}) resets the PIN at once, even while Crafty runs.
 */
public final class ParentPin {
    /** Wrong tries before the first lock. */
    public static final int FREE_TRIES = 5;
    /** The first lock. */
    public static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    /** The longest lock. */
    public static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Pattern VALID = Pattern.compile("[0-9]{4,12}");

    private final PinFile file;
    private final Clock clock;

    /**
     * Creates the PIN over its file.
     *
     * @param file  where the hash and the lock are kept
     * @param clock the clock for locks
     */
    public ParentPin(PinFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Whether a PIN has been set.
     *
     * @return true once a parent set one (and nobody reset it)
     */
    public synchronized boolean isSet() {
        return file.read().hash() != null;
    }

    /**
     * Sets the PIN on first use.
     *
     * @param pin 4 to 12 digits
     * @throws IllegalArgumentException when it is not 4 to 12 digits
     * @throws IllegalStateException    when a PIN is already set
     */
    public synchronized void set(String pin) {
        if (pin == null || !VALID.matcher(pin).matches()) {
            throw new IllegalArgumentException("the PIN must be 4 to 12 digits");
        }
        if (isSet()) {
            throw new IllegalStateException("a PIN is already set");
        }
        file.write(new PinFile.State(PinHash.hash(pin), 0, null));
    }

    /**
     * Checks a PIN. While locked, the PIN is not even compared.
     *
     * @param pin the PIN tried
     * @return the outcome
     */
    public synchronized Check check(String pin) {
        PinFile.State state = file.read();
        Instant now = clock.instant();
        if (state.hash() == null) {
            return new Check(Outcome.NOT_SET, 0, null);
        }
        if (state.lockedUntil() != null && now.isBefore(state.lockedUntil())) {
            return new Check(Outcome.LOCKED, 0, state.lockedUntil());
        }
        if (pin != null && PinHash.matches(pin, state.hash())) {
            if (state.failures() > 0 || state.lockedUntil() != null) {
                file.write(new PinFile.State(state.hash(), 0, null));
            }
            return new Check(Outcome.OK, FREE_TRIES, null);
        }
        int failures = state.failures() + 1;
        Instant until = null;
        if (failures >= FREE_TRIES) {
            long doublings = Math.min(failures - FREE_TRIES, 20);
            Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
            until = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        }
        file.write(new PinFile.State(state.hash(), failures, until));
        return until == null ? new Check(Outcome.WRONG, FREE_TRIES - failures, null)
                : new Check(Outcome.LOCKED, 0, until);
    }

    /**
     * Until when wrong tries have locked the PIN.
     *
     * @return the time, or {@code null} when it is not locked now
     */
    public synchronized Instant lockedUntil() {
        Instant until = file.read().lockedUntil();
        return until != null && clock.instant().isBefore(until) ? until : null;
    }

    /** What a check found. */
    public enum Outcome {
        /** The PIN is right. */
        OK,
        /** The PIN is wrong; more tries are left before a lock. */
        WRONG,
        /** Too many wrong tries: no check until the lock ends. */
        LOCKED,
        /** No PIN has been set yet. */
        NOT_SET
    }

    /**
     * The result of a check.
     *
     * @param outcome     what it found
     * @param triesLeft   wrong tries left before the next lock
     * @param lockedUntil when the lock ends, for {@link Outcome#LOCKED}
     */
    public record Check(Outcome outcome, int triesLeft, Instant lockedUntil) {
    }
}
