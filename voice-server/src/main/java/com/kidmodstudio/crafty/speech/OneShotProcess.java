package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;

/**
 * One run of an engine executable for one request (espeak-ng, pocketsphinx, whisper-cli):
 * feeds stdin on a virtual thread, drains stderr into the log, kills the process when the
 * request is cancelled, its time is up or it prints more than its {@link OutputCap}, and on
 * {@link #close()} leaves no process behind.
 * The caller reads stdout on its own thread so output can be streamed.
 */
final class OneShotProcess implements AutoCloseable {
    private final String engine;
    private final Process process;
    private final StreamDrain stderr;
    private final Cancellation.Registration registration;
    private final Thread watchdog;
    private final InputStream stdout;
    private final ProcessPool.Place place;
    private volatile boolean timedOut;

    private OneShotProcess(String engine, Process process, Duration timeout, Cancellation cancel, Logger log,
                           long maxStdout, ProcessPool.Place place) {
        this.engine = engine;
        this.process = process;
        this.place = place;
        this.stdout = new OutputCap(process.getInputStream(), maxStdout, engine + "'s standard output", this::kill);
        this.stderr = StreamDrain.start(new OutputCap(process.getErrorStream(), OutputCap.TEXT,
                                                      engine + "'s standard error", this::kill), log, engine);
        this.watchdog = Thread.ofVirtual().name(engine + "-watchdog").start(() -> expireAfter(timeout));
        this.registration = cancel.onCancel(this::kill);
    }

    /**
     * Starts the executable.
     *
     * @param engine  engine name for logs and thread names
     * @param command executable and arguments; never user text
     * @param timeout the process is killed when it has not exited by then
     * @param cancel  cancelling it kills the process
     * @param log     where stderr goes
     * @return the running process
     * @throws IOException when it cannot be started (not installed, not executable)
     */
    static OneShotProcess start(String engine, List<String> command, Duration timeout, Cancellation cancel, Logger log)
            throws IOException {
        return start(engine, command, timeout, cancel, log, OutputCap.TEXT, null);
    }

    /**
     * Starts the executable, allowing it more (or less) standard output than text needs.
     *
     * @param engine    engine name for logs and thread names
     * @param command   executable and arguments; never user text
     * @param timeout   the process is killed when it has not exited by then
     * @param cancel    cancelling it kills the process
     * @param log       where stderr goes
     * @param maxStdout most bytes of standard output; past it the process is killed and reading
     *                  fails (standard error is always capped at {@link OutputCap#TEXT})
     * @param pool      the engine's pool: the process starts when it has a place (waiting at most
     *                  {@code timeout}), which it frees on {@link #close()}; {@code null} for none
     * @return the running process
     * @throws IOException when it cannot be started (not installed, not executable, the pool
     *                     stayed full)
     */
    static OneShotProcess start(String engine, List<String> command, Duration timeout, Cancellation cancel, Logger log,
                                long maxStdout, ProcessPool pool) throws IOException {
        ProcessPool.Place place = pool == null ? null : pool.acquire(cancel, timeout);
        try {
            Process process = new ProcessBuilder(command).start();
            return new OneShotProcess(engine, process, timeout, cancel, log, maxStdout, place);
        } catch (IOException | RuntimeException e) {
            if (place != null) {
                place.close();
            }
            throw e;
        }
    }

    /**
     * Writes bytes to stdin and closes it, on a virtual thread so a slow reader cannot block the
     * caller; a process that dies early just loses the rest.
     *
     * @param input what the process reads
     */
    void feed(byte[] input) {
        Thread.ofVirtual().name(engine + "-stdin").start(() -> {
            try (OutputStream out = process.getOutputStream()) {
                out.write(input);
            } catch (IOException e) {
                // the process exited or was killed before reading everything; its exit status tells
            }
        });
    }

    /**
     * The process's standard output.
     *
     * @return the stream, read by the caller
     */
    InputStream stdout() {
        return stdout;
    }

    /**
     * Waits for the process to exit (bounded by its timeout, after which it is killed).
     *
     * @return the exit status
     */
    int waitFor() {
        try {
            process.waitFor();
            stderr.join(Duration.ofSeconds(1));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return -1;
        }
    }

    /**
     * Whether the process was killed because its time was up.
     *
     * @return true after a timeout
     */
    boolean timedOut() {
        return timedOut;
    }

    /**
     * The last lines the process wrote to stderr.
     *
     * @return the tail, possibly empty
     */
    String stderrTail() {
        return stderr.tail();
    }

    /** Kills the process with its children, waits until it is gone, stops the helpers. */
    @Override
    public void close() {
        registration.close();
        watchdog.interrupt();
        kill();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stderr.join(Duration.ofMillis(500));
        if (place != null) {
            place.close();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void expireAfter(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                kill();
            }
        } catch (InterruptedException e) {
            // closed before the timeout
        }
    }
}
