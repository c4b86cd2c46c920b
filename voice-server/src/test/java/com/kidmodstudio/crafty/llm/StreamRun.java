package com.kidmodstudio.crafty.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.kidmodstudio.crafty.engine.Cancellation;

/**
 * One {@link ChatModel#stream} call running on its own virtual thread, as the routes run it,
 * with every delta and the moment it arrived recorded for the test to wait on and inspect.
 */
final class StreamRun {
    static final Duration WAIT = Duration.ofSeconds(10);

    final Cancellation cancel = new Cancellation();
    private final List<String> deltas = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final CompletableFuture<String> reply = new CompletableFuture<>();
    private volatile long endedAt;

    private StreamRun() {
    }

    static StreamRun start(ChatModel model, List<ChatMessage> messages) {
        StreamRun run = new StreamRun();
        Thread.ofVirtual().name("test-stream").start(() -> {
            try {
                String text = model.stream(messages, run::delta, run.cancel);
                run.endedAt = System.nanoTime();
                run.reply.complete(text);
            } catch (Throwable t) {
                run.endedAt = System.nanoTime();
                run.reply.completeExceptionally(t);
            }
        });
        return run;
    }

    static StreamRun start(ChatModel model, String userText) {
        return start(model, List.of(new ChatMessage(ChatMessage.USER, userText)));
    }

    private synchronized void delta(String text) {
        arrivals.add(System.nanoTime());
        deltas.add(text);
        notifyAll();
    }

    synchronized List<String> deltas() {
        return List.copyOf(deltas);
    }

    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized boolean awaitDeltas(int count) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (deltas.size() < count && System.nanoTime() < end) {
            wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        return deltas.size() >= count;
    }

    /** The reply; fails the test with the stream's exception when it threw. */
    String reply() throws Exception {
        try {
            return reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stream failed: " + e.getCause(), e.getCause());
        }
    }

    /** What the stream threw; fails the test when it returned a reply instead. */
    Throwable failure() throws Exception {
        try {
            String text = reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got the reply: " + text);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** {@link System#nanoTime()} when the call returned or threw. */
    long endedAt() {
        return endedAt;
    }
}
