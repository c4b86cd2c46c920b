package com.kidmodstudio.crafty.models;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.SetupMessages;

/**
 * Gets Crafty's language model into Ollama for the parent: whether Ollama runs and has the
 * model (from the live health check), and one shared pull at a time — progress to every panel,
 * then a preload so the first question does not wait, then a fresh health check.
 */
public final class OllamaSetup {
    private static final Logger LOGGER = Logger.getLogger(OllamaSetup.class.getName());

    private static final Executor CHECKS = Executors.newVirtualThreadPerTaskExecutor();

    private final OllamaPull pull;
    private final HealthCache health;
    private final Set<Consumer<Object>> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicReference<Job> running = new AtomicReference<>();

    private static final class Job {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        volatile boolean cancelled;
    }

    /**
     * Creates the setup.
     *
     * @param pull   pulls and loads the model
     * @param health the language model's live health
     */
    public OllamaSetup(OllamaPull pull, HealthCache health) {
        this.pull = pull;
        this.health = health;
    }

    /**
     * The setup for the configured language model, when it is served by Ollama.
     *
     * @param llm       the model's status before any probe (engine, location, model)
     * @param keepAlive {@code ollama.keepalive}, may be empty
     * @param health    the model's live health
     * @return the setup, or {@code null} for another provider
     */
    public static OllamaSetup of(EngineStatus llm, String keepAlive, HealthCache health) {
        if (!"ollama".equals(llm.engine())) {
            return null;
        }
        Object keep = keepAlive == null || keepAlive.isBlank() ? null
                : keepAlive.strip().matches("-?\\d+") ? (Object) Long.valueOf(keepAlive.strip()) : keepAlive.strip();
        return new OllamaSetup(new OllamaPull(URI.create(llm.location()), llm.model(), keep, Duration.ofMinutes(5)), health);
    }

    /** @return the model Crafty uses */
    public String model() {
        return pull.model();
    }

    /**
     * Registers a listener for progress and outcomes ({@code ollama:progress}, {@code ollama:state}).
     *
     * @param subscriber called from the pull's thread
     * @return call to unsubscribe
     */
    public Runnable subscribe(Consumer<Object> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Whether Ollama runs and has the model.
     *
     * @param requestId the request it answers, or {@code null}
     * @return {@code ollama:state}
     */
    public SetupMessages.OllamaState state(String requestId) {
        Boolean installed = pull.installed();
        return new SetupMessages.OllamaState(pull.url().toString(), pull.model(), installed != null, Boolean.TRUE.equals(installed),
                                             running.get() != null, requestId);
    }

    /**
     * Whether Ollama runs and has the model, asked on a thread of its own.
     *
     * @param requestId the request it answers, or {@code null}
     * @return completes with {@code ollama:state}
     */
    public CompletableFuture<SetupMessages.OllamaState> measuredState(String requestId) {
        return CompletableFuture.supplyAsync(() -> state(requestId), CHECKS);
    }

    /**
     * Measures again, for the parent's "check again" button.
     *
     * @param requestId the request it answers
     * @return completes with {@code ollama:state}
     */
    public CompletableFuture<SetupMessages.OllamaState> check(String requestId) {
        health.invalidate();
        return measuredState(requestId);
    }

    /**
     * Pulls and loads the model, or joins the running pull.
     *
     * @return completes when it is loaded, or fails with a {@link ModelException} or a {@link CancellationException}
     */
    public CompletableFuture<Void> install() {
        Job job = new Job();
        Job current = running.compareAndExchange(null, job);
        if (current != null) {
            return current.result.copy();
        }
        Thread.ofVirtual().name("ollama-pull").start(() -> run(job));
        return job.result.copy();
    }

    /**
     * Stops the running pull; Ollama keeps what it has and resumes it next time.
     *
     * @return whether one was running
     */
    public boolean cancel() {
        Job job = running.get();
        if (job == null) {
            return false;
        }
        job.cancelled = true;
        job.result.handle((done, failure) -> null).join();
        return true;
    }

    private void run(Job job) {
        OllamaPull.Layers layers = new OllamaPull.Layers();
        PullMeter meter = new PullMeter();
        try {
            pull.pull(line -> {
                long[] sum = layers.add(line);
                SetupMessages.OllamaProgress progress = meter.progress(line.status(), line.digest(), sum[0], sum[1]);
                if (progress != null) {
                    publish(progress);
                }
            }, () -> job.cancelled);
            publish(new SetupMessages.OllamaProgress("loading", null, null, null, null, null));
            pull.preload();
            job.result.complete(null);
        } catch (ModelException | CancellationException e) {
            job.result.completeExceptionally(e);
        } catch (RuntimeException e) {
            job.result.completeExceptionally(new ModelException(ErrorCode.INTERNAL, e.toString(), e));
        } finally {
            running.set(null);
            health.invalidate();
            LOGGER.info(() -> "ollama.pull " + pull.model() + " ended");
            measuredState(null).thenAccept(this::publish);
        }
    }

    private void publish(Object message) {
        subscribers.forEach(s -> s.accept(message));
    }

    /** Throttles progress lines and measures the speed over the layers' sum. */
    private static final class PullMeter {
        private long lastSent;
        private String lastStatus;
        private long startNanos;
        private long startBytes = -1;

        SetupMessages.OllamaProgress progress(String status, String digest, long completed, long total) {
            long now = System.nanoTime();
            boolean statusChanged = !String.valueOf(status).equals(lastStatus);
            if (!statusChanged && now - lastSent < 150_000_000L && completed < total) {
                return null;
            }
            if (startBytes < 0 && total > 0) {
                startBytes = completed;
                startNanos = now;
            }
            lastSent = now;
            lastStatus = String.valueOf(status);
            long elapsed = now - startNanos;
            long speed = startBytes >= 0 && elapsed > 100_000_000L ? (completed - startBytes) * 1_000_000_000L / elapsed : 0;
            Long left = speed > 0 ? Long.valueOf((total - completed + speed - 1) / speed) : null;
            return new SetupMessages.OllamaProgress(status, digest, total > 0 ? completed : null, total > 0 ? total : null,
                                                    total > 0 ? speed : null, left);
        }
    }
}
