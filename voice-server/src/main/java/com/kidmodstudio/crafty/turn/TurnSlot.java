package com.kidmodstudio.crafty.turn;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * The one turn a connection may run at a time, and the one place where a turn's failures become
 * its final message. A turn runs on its own virtual thread so the socket's read loop stays free
 * to receive {@code stop}. Starting a new turn cancels the running one ("superseded"), and the
 * new one begins only after the old one has ended, so the old turn's last message always precedes
 * the new turn's first. Every started turn ends with exactly one final message: its own
 * {@code done}; {@code cancelled} when it was cancelled — also before its thread ran; an
 * {@code error} with the engine's code for an {@link EngineException}; {@code internal} for
 * anything else it throws, an {@link Error} included.
 */
public final class TurnSlot {
    private static final Logger LOGGER = Logger.getLogger(TurnSlot.class.getName());

    private final String name;
    private Thread thread;
    private Turn current;
    private boolean closed;

    /**
     * Creates an empty slot.
     *
     * @param name thread name prefix, e.g. the route
     */
    public TurnSlot(String name) {
        this.name = name;
    }

    /**
     * Starts a turn, superseding the running one. On a closed slot the turn ends at once as
     * cancelled ({@code closed}); nothing reaches the closed socket, but its trace is finished.
     *
     * @param turn the turn, not started before
     * @param work what it does; must honour the turn's cancellation
     */
    public synchronized void start(Turn turn, TurnWork work) {
        if (closed) {
            turn.cancel().cancel("closed");
            turn.cancelled(null);
            return;
        }
        Thread previous = thread;
        if (current != null) {
            current.cancel().cancel("superseded");
        }
        current = turn;
        thread = Thread.ofVirtual().name(name + "-turn").start(() -> {
            awaitEnd(previous);
            try {
                run(turn, work);
            } finally {
                finished(turn);
            }
        });
    }

    /**
     * Cancels the running turn, if any.
     *
     * @param reason e.g. {@code stop}
     * @return the cancelled turn's request id ({@code ""} when it had none), or {@code null} when nothing ran
     */
    public synchronized String cancel(String reason) {
        if (current == null || !current.cancel().cancel(reason)) {
            return null;
        }
        return current.requestId() == null ? "" : current.requestId();
    }

    /**
     * Whether a turn is running.
     *
     * @return true while one runs
     */
    public synchronized boolean busy() {
        return current != null && !current.cancel().isCancelled();
    }

    /** Cancels the running turn and refuses new ones; for a closed socket. */
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.cancel().cancel("closed");
        }
    }

    /**
     * Runs a turn and makes sure it ends with exactly one final message, whatever happens.
     * A turn whose cancellation came first ends as cancelled even when the engine, cut off, failed.
     */
    static void run(Turn turn, TurnWork work) {
        try {
            turn.cancel().throwIfCancelled();
            work.run(turn);
        } catch (CancelledException e) {
            if (turn.cancel().isCancelled()) {
                turn.cancelled(e.partial());
            } else {
                LOGGER.log(Level.SEVERE, "turn stopped by a cancellation that is not its own", e);
                turn.fail(ErrorCode.INTERNAL, "cancelled: " + e.getMessage());
            }
        } catch (EngineException e) {
            LOGGER.log(Level.WARNING, () -> "turn failed: " + e.code().wire() + " (" + e.engine() + "): " + e.getMessage());
            failed(turn, e.code(), e.getMessage());
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.SEVERE, "turn failed unexpectedly", e);
            failed(turn, ErrorCode.INTERNAL, e.getClass().getSimpleName());
        } finally {
            if (!turn.ended()) {
                LOGGER.severe("turn returned without its final message");
                failed(turn, ErrorCode.INTERNAL, "no final message");
            }
        }
    }

    private static void failed(Turn turn, ErrorCode code, String detail) {
        if (turn.cancel().isCancelled()) {
            turn.cancelled(null);
        } else {
            turn.fail(code, detail);
        }
    }

    private synchronized void finished(Turn turn) {
        if (current == turn) {
            current = null;
            thread = null;
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
