package com.kidmodstudio.crafty.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Keeps an engine's health live without letting a dead engine slow down {@code /status}.
 *
 * <p>A result younger than {@code ttl} is returned as is. An older one triggers one probe on a
 * virtual thread (never more than one at a time); the caller waits for it at most {@code budget}
 * and otherwise gets the previous result, marked stale by its {@code checkedAt}.
 */
public final class HealthCache {
    private static final Executor PROBES = Executors.newVirtualThreadPerTaskExecutor();

    private final Supplier<EngineStatus> probe;
    private final Duration ttl;
    private final Duration budget;
    private final Supplier<EngineStatus> initial;

    private EngineStatus last;
    private CompletableFuture<EngineStatus> running;

    /**
     * Creates a cache.
     *
     * @param probe   measures the engine; may block, must not throw
     * @param ttl     how long a result stays fresh, e.g. 2 s
     * @param budget  how long a caller waits for a fresh probe, e.g. 300 ms
     * @param initial what to report before the first probe finishes
     */
    public HealthCache(Supplier<EngineStatus> probe, Duration ttl, Duration budget, EngineStatus initial) {
        this(probe, ttl, budget, () -> initial);
    }

    /**
     * Creates a cache whose status before the first probe may change (a model that is loading).
     *
     * @param probe   measures the engine; may block, must not throw
     * @param ttl     how long a result stays fresh
     * @param budget  how long a caller waits for a fresh probe
     * @param initial what to report before the first probe finishes, asked each time
     */
    public HealthCache(Supplier<EngineStatus> probe, Duration ttl, Duration budget, Supplier<EngineStatus> initial) {
        this.probe = probe;
        this.ttl = ttl;
        this.budget = budget;
        this.initial = initial;
    }

    /**
     * The engine's health, fresh within {@code ttl} when the probe answers within {@code budget}.
     *
     * @return the newest known status
     */
    public EngineStatus get() {
        CompletableFuture<EngineStatus> pending;
        synchronized (this) {
            if (fresh()) {
                return last;
            }
            pending = probing();
        }
        try {
            return pending.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (this) {
                return last != null ? last : initial.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return initial.get();
        } catch (ExecutionException e) {
            return initial.get();
        }
    }

    /**
     * The last result while it is fresh, without probing or waiting.
     *
     * @return that result, or {@code null} when there is none or it is older than {@code ttl}
     */
    public synchronized EngineStatus ifFresh() {
        return fresh() ? last : null;
    }

    /**
     * Starts a probe unless the last result is fresh or one is running, without waiting for it.
     * Start-up calls this before the server listens, so that the first {@code /status} finds the
     * answer instead of waiting for it.
     */
    public synchronized void refresh() {
        if (!fresh()) {
            probing();
        }
    }

    private boolean fresh() {
        return last != null && last.checkedAt().plus(ttl).isAfter(Instant.now());
    }

    private CompletableFuture<EngineStatus> probing() {
        if (running == null) {
            running = CompletableFuture.supplyAsync(this::measure, PROBES);
        }
        return running;
    }

    /** Forgets the cached result so the next {@link #get()} probes again. */
    public synchronized void invalidate() {
        last = null;
    }

    private EngineStatus measure() {
        EngineStatus status;
        try {
            status = probe.get();
        } catch (RuntimeException e) {
            EngineStatus before = initial.get();
            status = EngineStatus.unavailable(before.engine(), before.location(), String.valueOf(e.getMessage()));
        }
        synchronized (this) {
            last = status;
            running = null;
        }
        return status;
    }
}
