package com.kidmodstudio.crafty.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes conversations not touched for longer than the retention period: once when Crafty
 * starts, then once a day while it runs. A period of zero keeps everything.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Retention.class.getName());
    private static final Duration DAILY = Duration.ofDays(1);

    private final ConversationStore store;
    private volatile Supplier<Duration> keep;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private Retention(ConversationStore store, Duration keep, Clock clock) {
        this.store = store;
        this.keep = () -> keep;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("store-retention").factory());
    }

    /**
     * Purges now and schedules the daily purge.
     *
     * @param store the store
     * @param keep  how long a conversation is kept after its last message; zero keeps everything
     * @param clock the clock
     * @return the running retention; close it to stop the daily purge
     */
    public static Retention start(ConversationStore store, Duration keep, Clock clock) {
        Retention retention = new Retention(store, keep, clock);
        retention.purge();
        retention.timer.scheduleAtFixedRate(retention::purge, DAILY.toMillis(), DAILY.toMillis(), TimeUnit.MILLISECONDS);
        return retention;
    }

    /**
     * Takes the retention period from now on from a setting a parent can change, and purges
     * by it at once.
     *
     * @param period the period in force; zero keeps everything
     */
    public void follow(Supplier<Duration> period) {
        this.keep = period;
        purge();
    }

    /**
     * Deletes the conversations older than the retention period.
     *
     * @return how many were deleted
     */
    public int purge() {
        Duration keep = this.keep.get();
        if (keep.isZero()) {
            return 0;
        }
        try {
            int purged = store.purge(clock.instant().minus(keep));
            if (purged > 0) {
                LOGGER.info(() -> "deleted " + purged + " conversation(s) older than " + keep.toDays() + " days");
            }
            return purged;
        } catch (StoreException e) {
            LOGGER.log(Level.WARNING, "deleting old conversations failed: " + e.getMessage(), e);
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
