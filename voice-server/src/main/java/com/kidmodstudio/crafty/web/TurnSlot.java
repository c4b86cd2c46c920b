package com.kidmodstudio.crafty.web;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;

/**
 * The one turn a connection may run at a time. A turn runs on its own virtual thread so the
 * socket's read loop stays free to receive {@code stop}. Starting a new turn cancels the running
 * one ("superseded"), and the new one begins only after the old one has ended, so the old turn's
 * last message always precedes the new turn's first.
 */
final class TurnSlot {
    private static final Logger LOGGER = Logger.getLogger(TurnSlot.class.getName());

    private final String name;
    private Thread thread;
    private Cancellation cancellation;
    private String requestId;
    private boolean closed;

    /**
     * Creates an empty slot.
     *
     * @param name thread name prefix, e.g. the route
     */
    TurnSlot(String name) {
        this.name = name;
    }

    /**
     * Starts a turn, superseding the running one.
     *
     * @param id   the turn's request id (may be {@code null})
     * @param work the turn; must honour its cancellation
     */
    synchronized void start(String id, Consumer<Cancellation> work) {
        if (closed) {
            return;
        }
        Thread previous = thread;
        if (cancellation != null) {
            cancellation.cancel("superseded");
        }
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        requestId = id;
        thread = Thread.ofVirtual().name(name + "-turn").start(() -> {
            awaitEnd(previous);
            try {
                if (!cancel.isCancelled()) {
                    work.accept(cancel);
                }
            } catch (RuntimeException e) {
                LOGGER.log(Level.SEVERE, "turn failed", e);
            } finally {
                finished(cancel);
            }
        });
    }

    /**
     * Cancels the running turn, if any.
     *
     * @param reason e.g. {@code stop}
     * @return the cancelled turn's request id ({@code ""} when it had none), or {@code null} when nothing ran
     */
    synchronized String cancel(String reason) {
        if (cancellation == null || !cancellation.cancel(reason)) {
            return null;
        }
        return requestId == null ? "" : requestId;
    }

    /**
     * Whether a turn is running.
     *
     * @return true while one runs
     */
    synchronized boolean busy() {
        return cancellation != null && !cancellation.isCancelled();
    }

    /** Cancels the running turn and refuses new ones; for a closed socket. */
    synchronized void close() {
        closed = true;
        if (cancellation != null) {
            cancellation.cancel("closed");
        }
    }

    private synchronized void finished(Cancellation cancel) {
        if (cancellation == cancel) {
            cancellation = null;
            thread = null;
            requestId = null;
        }
    }

    private static void awaitEnd(Thread previous) {
        if (previous == null) {
            return;
        }
        try {
            previous.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
