package com.kidmodstudio.crafty.speech;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.kidmodstudio.crafty.engine.EngineException;

/**
 * The engine currently serving a role, replaceable while requests run: a request keeps the
 * engine it started on; a replaced engine is closed when its last running request ends (at once
 * when none runs). A request that finds the engine it took closed under it is tried once more on
 * the new one.
 *
 * @param <E> the engine type
 */
final class Switchable<E extends AutoCloseable> implements AutoCloseable {

    /** A request on one engine. */
    @FunctionalInterface
    interface Call<E, R> {
        R run(E engine) throws EngineException;
    }

    private final class Slot {
        final E engine;
        final AtomicInteger running = new AtomicInteger();
        final AtomicBoolean shut = new AtomicBoolean();
        volatile boolean retired;

        Slot(E engine) {
            this.engine = engine;
        }

        void closeIfIdle() {
            if (retired && running.get() == 0 && shut.compareAndSet(false, true)) {
                closeQuietly(engine);
            }
        }
    }

    private volatile Slot current;
    private volatile boolean closed;

    Switchable(E engine) {
        this.current = new Slot(engine);
    }

    /**
     * The engine serving now, for cheap questions (status, name, format).
     *
     * @return the engine
     */
    E engine() {
        return current.engine;
    }

    /**
     * Runs a request on the current engine.
     *
     * @param call the request
     * @param <R>  its result
     * @return the result
     * @throws EngineException what the engine threw
     */
    <R> R use(Call<E, R> call) throws EngineException {
        Slot slot = take();
        try {
            return call.run(slot.engine);
        } catch (EngineException e) {
            if (!slot.retired || closed || !e.code().wire().endsWith("_unavailable")) {
                throw e;
            }
        } finally {
            release(slot);
        }
        Slot next = take();
        try {
            return call.run(next.engine);
        } finally {
            release(next);
        }
    }

    private synchronized Slot take() {
        Slot slot = current;
        slot.running.incrementAndGet();
        return slot;
    }

    private void release(Slot slot) {
        synchronized (this) {
            slot.running.decrementAndGet();
        }
        slot.closeIfIdle();
    }

    /**
     * Puts a new engine in place; the old one closes when idle.
     *
     * @param engine the new engine
     */
    void replace(E engine) {
        Slot old;
        synchronized (this) {
            if (closed) {
                closeQuietly(engine);
                return;
            }
            old = current;
            current = new Slot(engine);
            old.retired = true;
        }
        old.closeIfIdle();
    }

    /** Closes the current engine. */
    @Override
    public void close() {
        Slot last;
        synchronized (this) {
            closed = true;
            last = current;
            last.retired = true;
        }
        if (last.shut.compareAndSet(false, true)) {
            closeQuietly(last.engine);
        }
    }

    private static void closeQuietly(AutoCloseable engine) {
        try {
            engine.close();
        } catch (Exception e) {
            // closing is best effort; the engines log their own problems
        }
    }
}
