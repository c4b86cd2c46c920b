package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * Keeps the language model warm: preloads it when the studio starts (and again whenever
 * {@link #start()} is called, after a model change), then repeats the preload every
 * {@code every} while the studio is open, so the child's first question never waits for the model
 * to load. While a preload runs the model is reported as loading, not as unavailable: the server
 * answered the request, it is only busy reading the model from disk.
 *
 * <p>Thread-safe. One virtual thread per warmer; {@link #close()} ends it.
 */
public final class ModelWarmer implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(ModelWarmer.class.getName());

    /** Where the model stands, as {@code /status} shows it in {@code engines.llm.detail.warm}. */
    public enum State {
        /** Nothing was tried yet. */
        COLD,
        /** A preload is running. */
        LOADING,
        /** The last preload succeeded. */
        WARM,
        /** The last preload failed; the health probe says why. */
        FAILED
    }

    private final ChatModel model;
    private final Duration every;
    private volatile State state = State.COLD;
    private Thread keeper;
    private boolean closed;

    /**
     * A warmer that is not running yet.
     *
     * @param model the model to keep warm
     * @param every how often to repeat the preload; zero preloads once per {@link #start()}
     */
    public ModelWarmer(ChatModel model, Duration every) {
        this.model = model;
        this.every = every;
    }

    /** Preloads now on a virtual thread and keeps the model warm; restarts the cycle when already running. */
    public synchronized void start() {
        if (closed) {
            return;
        }
        if (keeper != null) {
            keeper.interrupt();
        }
        state = State.LOADING;
        keeper = Thread.ofVirtual().name("llm-warm").start(this::keepWarm);
    }

    /**
     * Where the model stands.
     *
     * @return the state
     */
    public State state() {
        return state;
    }

    /**
     * A measured or initial status with the warm state added; while loading, a model the server
     * has not refused is reported available.
     *
     * @param status the probe's result, or the status before any probe
     * @return the status to show
     */
    public EngineStatus annotate(EngineStatus status) {
        State now = state;
        Map<String, Object> detail = new LinkedHashMap<>(status.detail());
        detail.put("warm", now.name().toLowerCase(Locale.ROOT));
        boolean loading = now == State.LOADING && !Boolean.FALSE.equals(status.modelPresent());
        return new EngineStatus(status.engine(), status.available() || loading, status.location(), status.model(),
                                status.modelPresent(), loading ? null : status.lastError(), status.checkedAt(), detail);
    }

    private void keepWarm() {
        while (!Thread.currentThread().isInterrupted()) {
            state = State.LOADING;
            long started = System.nanoTime();
            try {
                model.preload();
                state = State.WARM;
                LOGGER.info(() -> "language model loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                state = State.FAILED;
                LOGGER.warning(() -> "preloading the language model failed: " + e.getMessage());
            }
            if (every.isZero()) {
                return;
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops keeping the model warm. */
    @Override
    public synchronized void close() {
        closed = true;
        if (keeper != null) {
            keeper.interrupt();
        }
    }
}
