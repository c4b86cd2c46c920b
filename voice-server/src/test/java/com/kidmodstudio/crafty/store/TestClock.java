package com.kidmodstudio.crafty.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, for timestamps and retention.
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    /**
     * Creates a clock.
     *
     * @param start the time it shows
     */
    public TestClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock on.
     *
     * @param by how far
     */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
