package com.kidmodstudio.crafty.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A clock in a time zone that a test moves by hand, for quiet hours, daily limits and breaks.
 */
public final class ZonedTestClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    /**
     * Creates a clock showing a local time.
     *
     * @param start the time it shows, with its zone
     */
    public ZonedTestClock(ZonedDateTime start) {
        this.zone = start.getZone();
        this.now = start.toInstant();
    }

    /**
     * Moves the clock on.
     *
     * @param by how far
     */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /**
     * Sets the clock.
     *
     * @param to the time it shows from now on
     */
    public void set(ZonedDateTime to) {
        now = to.toInstant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.fixed(now, other);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
