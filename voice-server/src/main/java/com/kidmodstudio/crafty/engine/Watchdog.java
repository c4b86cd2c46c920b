package com.kidmodstudio.crafty.engine;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A deadline for one request to an engine, watched by its own virtual thread.
 *
 * <p>When the deadline passes before {@link #close()}, the watchdog marks itself expired and
 * then runs its action, which closes the response stream so that the blocked reader wakes up.
 * {@link #extend(Duration)} moves the deadline without waking the watcher: it only looks again
 * when the old deadline is reached, so extending per token costs one volatile write.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Watchdog.class.getName());

    private final AutoCloseable onExpiry;
    private final Thread thread;
    private volatile long deadline;
    private volatile boolean expired;
    private volatile boolean closed;

    private Watchdog(Duration limit, AutoCloseable onExpiry) {
        this.onExpiry = onExpiry;
        this.deadline = System.nanoTime() + limit.toNanos();
        this.thread = Thread.ofVirtual().name("llm-watchdog").unstarted(this::watch);
    }

    /**
     * Starts watching.
     *
     * @param limit    time from now until the action runs
     * @param onExpiry what unblocks the work; runs at most once
     * @return the running watchdog
     */
    public static Watchdog start(Duration limit, AutoCloseable onExpiry) {
        Watchdog watchdog = new Watchdog(limit, onExpiry);
        watchdog.thread.start();
        return watchdog;
    }

    /**
     * Sets the deadline to {@code limit} from now.
     *
     * @param limit the new time allowed
     */
    public void extend(Duration limit) {
        deadline = System.nanoTime() + limit.toNanos();
    }

    /**
     * Whether the deadline passed; set before the action runs.
     *
     * @return true once expired
     */
    public boolean expired() {
        return expired;
    }

    /**
     * Stops watching. An action that the deadline triggered at the same moment may still run;
     * callers only consult {@link #expired()} when their work failed.
     */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void watch() {
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                expired = true;
                try {
                    onExpiry.close();
                } catch (Exception e) {
                    LOGGER.log(Level.FINE, "timeout action failed", e);
                }
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }
}
