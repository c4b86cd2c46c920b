package com.kidmodstudio.crafty.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cancellation signal for one unit of work (a chat turn, a synthesis, a transcription).
 *
 * <p>Work that blocks on I/O registers what must be closed to unblock it (an HTTP response
 * stream, a subprocess) with {@link #onCancel(AutoCloseable)}; {@link #cancel(String)} runs
 * those actions once, from the cancelling thread, so a blocked reader wakes up at once instead
 * of finishing the work it no longer needs. Thread-safe.
 */
public final class Cancellation {
    private static final Logger LOGGER = Logger.getLogger(Cancellation.class.getName());

    private final List<AutoCloseable> actions = new ArrayList<>();
    private String reason;

    /**
     * Cancels the work: marks it cancelled and runs every registered action once.
     * Later calls do nothing.
     *
     * @param why short machine-readable reason, e.g. {@code "stop"} or {@code "superseded"}
     * @return whether this call cancelled it (false if it already was)
     */
    public boolean cancel(String why) {
        List<AutoCloseable> toRun;
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            reason = why;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        for (AutoCloseable action : toRun) {
            closeQuietly(action);
        }
        return true;
    }

    /**
     * Whether {@link #cancel(String)} was called.
     *
     * @return true once cancelled
     */
    public synchronized boolean isCancelled() {
        return reason != null;
    }

    /**
     * The reason given to {@link #cancel(String)}, or {@code null} while not cancelled.
     *
     * @return the reason
     */
    public synchronized String reason() {
        return reason;
    }

    /**
     * Registers an action to run on cancellation; runs it at once when already cancelled.
     *
     * @param action what unblocks the work, typically closing its stream or process
     * @return a handle whose {@code close()} unregisters the action once the work is over
     */
    public Registration onCancel(AutoCloseable action) {
        synchronized (this) {
            if (reason == null) {
                actions.add(action);
                return () -> {
                    synchronized (Cancellation.this) {
                        actions.remove(action);
                    }
                };
            }
        }
        closeQuietly(action);
        return () -> { };
    }

    /**
     * Throws {@link CancelledException} when cancelled; for loops between blocking steps.
     */
    public void throwIfCancelled() {
        String why = reason();
        if (why != null) {
            throw new CancelledException(why);
        }
    }

    private static void closeQuietly(AutoCloseable action) {
        try {
            action.close();
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "cancel action failed", e);
        }
    }

    /** Unregisters a cancel action; never throws. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
