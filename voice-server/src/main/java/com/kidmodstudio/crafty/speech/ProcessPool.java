package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;

/**
 * How many processes of one engine may run at once. Eighty clients asking for speech at the same
 * moment used to start 56 espeak-ng processes, and the machine (and {@code /status}) slowed to a
 * crawl; now requests beyond the pool's size wait their turn, first come first served, each no
 * longer than its own timeout, and a cancelled request leaves the queue at once.
 */
final class ProcessPool {
    private final String engine;
    private final int size;
    private final Semaphore places;

    /**
     * Creates a pool.
     *
     * @param engine the engine's name, for messages
     * @param size   processes allowed at once, at least 1
     */
    ProcessPool(String engine, int size) {
        this.engine = engine;
        this.size = Math.max(1, size);
        this.places = new Semaphore(this.size, true);
    }

    /**
     * The default size: the number of processor cores.
     *
     * @return at least 1
     */
    static int defaultSize() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The configured size, {@code speech.processes} ({@code SPEECH_PROCESSES}).
     *
     * @param speech the {@code speech} subtree
     * @return 1 to 64; the number of cores when not set
     */
    static int size(Config speech) {
        return Settings.integer(speech, "processes", defaultSize(), 1, 64);
    }

    /**
     * Waits for a place.
     *
     * @param cancel cancelling it stops the wait
     * @param max    longest wait
     * @return the place, to be closed when the process has ended
     * @throws IOException when every place stayed busy for {@code max}
     */
    Place acquire(Cancellation cancel, Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (!places.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    throw new IOException("all " + size + " " + engine + " processes stayed busy for " + max.toMillis() + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
        return new Place();
    }

    /** One running process's place in the pool; closing it twice frees it once. */
    final class Place implements AutoCloseable {
        private boolean closed;

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                places.release();
            }
        }
    }
}
