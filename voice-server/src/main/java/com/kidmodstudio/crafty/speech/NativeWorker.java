package com.kidmodstudio.crafty.speech;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;

/**
 * One native model on one platform thread of its own: the thread loads the model first (so
 * loading happens off the request path, as soon as the engine is made) and then runs every call,
 * one after the other, so the native context is never used by two threads at once. A caller's
 * virtual thread waits for the result without pinning its carrier, and stops waiting when the
 * turn is cancelled; a native call cannot be interrupted, so it finishes and its result is
 * discarded. {@link #close()} frees the model after the running call, on the same thread.
 *
 * @param <T> the loaded model
 */
final class NativeWorker<T> implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(NativeWorker.class.getName());

    /** Loads the model; runs on the worker's thread. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws Exception;
    }

    /** A call into the loaded model; runs on the worker's thread. */
    @FunctionalInterface
    interface Job<T, R> {
        R run(T model) throws Exception;
    }

    private final String engine;
    private final ErrorCode unavailable;
    private final ErrorCode failed;
    private final ErrorCode timedOut;
    private final ExecutorService thread;
    private final CompletableFuture<T> model = new CompletableFuture<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final Consumer<T> free;
    private volatile boolean closed;

    /**
     * Creates the worker and starts loading at once.
     *
     * @param engine the engine's name, for errors and the thread's name
     * @param stt    whether errors are {@code stt_*} (else {@code tts_*})
     * @param loader loads the model; an exception makes every call {@code *_unavailable} with its message
     * @param free   frees the model when the worker closes
     */
    NativeWorker(String engine, boolean stt, Loader<T> loader, Consumer<T> free) {
        this.engine = engine;
        this.unavailable = stt ? ErrorCode.STT_UNAVAILABLE : ErrorCode.TTS_UNAVAILABLE;
        this.failed = stt ? ErrorCode.STT_FAILED : ErrorCode.TTS_FAILED;
        this.timedOut = stt ? ErrorCode.STT_TIMEOUT : ErrorCode.TTS_TIMEOUT;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(engine).factory());
        this.free = free;
        thread.execute(() -> {
            loads.incrementAndGet();
            try {
                model.complete(loader.load());
            } catch (Exception | LinkageError e) {
                LOGGER.log(Level.WARNING, () -> engine + " could not load its model: " + e.getMessage());
                model.completeExceptionally(e);
            }
        });
    }

    /**
     * Runs a call on the loaded model, after the calls before it.
     *
     * @param job      the call
     * @param loadWait how long to wait for a model that is still loading
     * @param timeout  how long the call may take once it runs
     * @param cancel   stops the waiting; the call then throws {@link CancelledException}
     * @param <R>      the result
     * @return the call's result
     * @throws EngineException {@code *_unavailable} while loading, after a failed load or after
     *                         {@link #close()}; {@code *_failed} when the call threw;
     *                         {@code *_timeout} when it ran too long
     */
    <R> R call(Job<T, R> job, Duration loadWait, Duration timeout, Cancellation cancel) throws EngineException {
        T loaded = awaitModel(loadWait, cancel);
        CompletableFuture<R> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    result.complete(job.run(loaded));
                } catch (Exception | LinkageError e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new EngineException(unavailable, engine, engine + " is closed", e);
        }
        try (Cancellation.Registration ignored = cancel.onCancel(() -> result.cancel(false))) {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new CancelledException(cancel.reason() == null ? "cancelled" : cancel.reason());
        } catch (TimeoutException e) {
            result.cancel(false);
            throw new EngineException(timedOut, engine, engine + " took longer than " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineException speech) {
                throw speech;
            }
            throw new EngineException(failed, engine, engine + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
    }

    private T awaitModel(Duration loadWait, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        if (closed) {
            throw new EngineException(unavailable, engine, engine + " is closed", null);
        }
        try {
            return model.get(loadWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException(unavailable, engine, engine + " is still loading its model", e);
        } catch (ExecutionException e) {
            throw new EngineException(unavailable, engine, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
    }

    /**
     * Where the model is.
     *
     * @return {@code loading}, {@code ready}, {@code failed} or {@code closed}
     */
    String state() {
        if (closed) {
            return "closed";
        }
        if (!model.isDone()) {
            return "loading";
        }
        return model.isCompletedExceptionally() ? "failed" : "ready";
    }

    /**
     * The loaded model, for facts remembered at load time; never for native calls.
     *
     * @return the model, or {@code null} while loading, after a failed load or after close
     */
    T loadedOrNull() {
        return !closed && model.isDone() && !model.isCompletedExceptionally() ? model.join() : null;
    }

    /**
     * Why loading failed.
     *
     * @return the loader's message, or {@code null} while loading or when it succeeded
     */
    String loadError() {
        Throwable failure = loadFailure();
        return failure == null ? null : String.valueOf(failure.getMessage());
    }

    /**
     * What made loading fail.
     *
     * @return the loader's exception, or {@code null} while loading or when it succeeded
     */
    Throwable loadFailure() {
        if (!model.isCompletedExceptionally()) {
            return null;
        }
        try {
            model.getNow(null);
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /**
     * Completes when loading has ended, well or not.
     *
     * @return a stage that never fails
     */
    CompletableFuture<Void> loaded() {
        return model.handle((loaded, failure) -> null);
    }

    /**
     * The typed reason of a failed load for the status: {@code model_damaged} when the model
     * file cannot be read as a model (it must be installed again), {@code engine_failed} when
     * the engine itself did not start (its native library).
     *
     * @return the reason, or {@code null} unless loading failed
     */
    String problem() {
        Throwable failure = loadFailure();
        if (failure == null) {
            return null;
        }
        return failure instanceof java.io.IOException ? "model_damaged" : "engine_failed";
    }

    /**
     * Blocks until loading has ended, for start-up paths and tests.
     *
     * @param wait longest wait
     * @return true when the model is ready
     */
    boolean awaitLoaded(Duration wait) {
        try {
            model.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * How many times the model was loaded; one for the worker's life.
     *
     * @return the count
     */
    int loads() {
        return loads.get();
    }

    /** Frees the model after the running call and stops the thread; waits up to 10 s for that. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.execute(() -> {
            if (model.isDone() && !model.isCompletedExceptionally()) {
                free.accept(model.join());
            }
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOGGER.warning(() -> engine + " was still busy 10 s after close; its model is freed when the call ends");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
