package com.kidmodstudio.crafty.models;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns "bytes on disk" into {@link ModelEvent.Progress} events a parent can read: the speed over
 * the last few seconds and the time left at that speed. Sends at most one event per
 * {@code every} interval, except the first and the one at 100 %, so a fast download does not
 * flood the panels.
 */
final class ProgressMeter {
    private static final long WINDOW = 3_000_000_000L;

    private final String modelId;
    private final long total;
    private final long every;
    private final LongSupplier clock;
    private final Consumer<ModelEvent> events;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private long lastSent = Long.MIN_VALUE;
    private long lastBytes = -1;

    ProgressMeter(String modelId, long total, long everyNanos, LongSupplier clock, Consumer<ModelEvent> events) {
        this.modelId = modelId;
        this.total = total;
        this.every = everyNanos;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Records the model's bytes on disk and sends an event when one is due.
     *
     * @param file  the file being downloaded
     * @param bytes bytes of the whole model on disk
     */
    synchronized void update(String file, long bytes) {
        long now = clock.getAsLong();
        if (!samples.isEmpty() && bytes < samples.peekLast()[1]) {
            samples.clear();
        }
        samples.addLast(new long[] {now, bytes});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW) {
            samples.removeFirst();
        }
        boolean due = lastSent == Long.MIN_VALUE || now - lastSent >= every || (bytes == total && lastBytes != total);
        if (!due || bytes == lastBytes) {
            return;
        }
        long speed = speed();
        Long left = speed > 0 ? Long.valueOf((total - bytes + speed - 1) / speed) : null;
        lastSent = now;
        lastBytes = bytes;
        events.accept(new ModelEvent.Progress(modelId, file, bytes, total, speed, left));
    }

    private long speed() {
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long nanos = last[0] - first[0];
        if (nanos < 100_000_000L) {
            return 0;
        }
        return (last[1] - first[1]) * 1_000_000_000L / nanos;
    }
}
