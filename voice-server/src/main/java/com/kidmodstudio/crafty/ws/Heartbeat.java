package com.kidmodstudio.crafty.ws;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one clock of every WebSocket connection in the process: a single daemon thread runs each
 * connection's periodic check and its close deadline, instead of a thread or timer per socket.
 * The thread exists only while there is something to run. Tasks must not block; a task that
 * throws is logged and keeps its schedule.
 */
final class Heartbeat {
    private static final Logger LOGGER = Logger.getLogger(Heartbeat.class.getName());
    private static final ScheduledThreadPoolExecutor CLOCK = clock();

    private Heartbeat() {
    }

    /**
     * Runs a task periodically until it is cancelled.
     *
     * @param period the period
     * @param task   a short, non-blocking task
     * @return its handle
     */
    static ScheduledFuture<?> every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        return CLOCK.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs a task once.
     *
     * @param delay when
     * @param task  a short, non-blocking task
     * @return its handle
     */
    static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return CLOCK.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "WebSocket heartbeat task failed", e);
            }
        };
    }

    private static ScheduledThreadPoolExecutor clock() {
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ws-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true);
        clock.setKeepAliveTime(10, TimeUnit.SECONDS);
        clock.allowCoreThreadTimeOut(true);
        return clock;
    }
}
