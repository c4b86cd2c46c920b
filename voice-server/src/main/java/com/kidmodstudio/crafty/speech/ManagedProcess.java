package com.kidmodstudio.crafty.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;

/**
 * One long-lived engine process spoken to in lines: each request is one line on stdin, each
 * reply the next line on stdout (Piper with {@code --json-input} prints the path of every WAV
 * it wrote). Modelled on wyoming-piper's process manager:
 * <ul>
 *   <li>starts lazily on the first request and is replaced when it has died;</li>
 *   <li>use is serialised: one request at a time, in arrival order;</li>
 *   <li>stderr is drained into the log concurrently, the last lines explain failures;</li>
 *   <li>a request that gets no reply in time kills the hung process (the next request starts a
 *       fresh one) and fails with {@link Failure.Kind#TIMEOUT};</li>
 *   <li>a cancelled request returns at once; its late reply is handed to the caller's
 *       {@code onLateReply} (to delete the file it names) and the process stays warm;</li>
 *   <li>{@link #close()} closes stdin, then sends SIGTERM, then kills, each after a grace period.</li>
 * </ul>
 * Thread-safe.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(ManagedProcess.class.getName());
    private static final long LOCK_POLL_MS = 20;

    private final String name;
    private final List<String> command;
    private final Duration stopGrace;
    private final Runnable beforeStart;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Running current;
    private volatile boolean closed;
    private volatile int starts;

    /**
     * Creates the manager; nothing starts yet.
     *
     * @param name        engine name for logs
     * @param command     executable and arguments
     * @param stopGrace   how long {@link #close()} waits after each polite step
     * @param beforeStart runs before every start, e.g. to clear the previous process's files
     */
    public ManagedProcess(String name, List<String> command, Duration stopGrace, Runnable beforeStart) {
        this.name = name;
        this.command = List.copyOf(command);
        this.stopGrace = stopGrace;
        this.beforeStart = beforeStart;
    }

    /**
     * Sends one line and waits for the one line that answers it.
     *
     * @param line        the request, without line break
     * @param timeout     how long the reply may take, counted from the call (covers a start)
     * @param cancel      cancelling it returns at once with {@link CancelledException}
     * @param onLateReply receives the reply of a cancelled or timed-out request if it still comes
     * @return the reply line
     * @throws Failure when the process cannot start, dies, or does not answer in time
     */
    public String request(String line, Duration timeout, Cancellation cancel, Consumer<String> onLateReply)
            throws Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        acquire(deadline, cancel);
        try {
            Running running = ensureRunning();
            Pending pending = running.enqueue(onLateReply);
            running.send(line);
            try (Cancellation.Registration ignored = cancel.onCancel(
                    () -> pending.reply.completeExceptionally(new CancelledException(cancel.reason())))) {
                return pending.reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.kill();
                throw new Failure(Failure.Kind.TIMEOUT, name + " gave no answer within " + timeout.toMillis()
                                                        + " ms and was stopped " + running.stderr.tail());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancelledException cancelled) {
                    throw cancelled;
                }
                throw (Failure) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("interrupted");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the process now unless it is running.
     *
     * @throws Failure when it cannot be started
     */
    public void start() throws Failure {
        lock.lock();
        try {
            ensureRunning();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Kills the process at once, e.g. after it answered something that cannot be its reply;
     * the next request starts a new one.
     *
     * @param why reason for the log
     */
    public void kill(String why) {
        Running running = current;
        if (running != null && running.process.isAlive()) {
            LOGGER.warning(() -> "Stopping " + name + " (pid " + running.process.pid() + "): " + why);
            running.kill();
        }
    }

    /**
     * The running process's id.
     *
     * @return the pid, empty when no process is alive
     */
    public OptionalLong pid() {
        Running running = current;
        return running != null && running.process.isAlive() ? OptionalLong.of(running.process.pid()) : OptionalLong.empty();
    }

    /**
     * How many processes have been started so far.
     *
     * @return 0 before the first request
     */
    public int starts() {
        return starts;
    }

    /** Stops the process politely (stdin closed, then SIGTERM, then kill); later requests fail. */
    @Override
    public void close() {
        closed = true;
        Running running = current;
        if (running != null) {
            running.stop(stopGrace);
        }
    }

    private void acquire(long deadline, Cancellation cancel) throws Failure {
        try {
            while (!lock.tryLock(LOCK_POLL_MS, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    throw new Failure(Failure.Kind.TIMEOUT, name + " stayed busy with other requests");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
        if (cancel.isCancelled()) {
            lock.unlock();
            cancel.throwIfCancelled();
        }
    }

    private Running ensureRunning() throws Failure {
        if (closed) {
            throw new Failure(Failure.Kind.CLOSED, name + " is shut down");
        }
        Running running = current;
        if (running != null && running.process.isAlive() && !running.ended()) {
            return running;
        }
        if (running != null) {
            running.kill();
            LOGGER.info(() -> "Restarting " + name + " after " + running.exitDescription());
        }
        beforeStart.run();
        try {
            Process process = new ProcessBuilder(command).start();
            starts++;
            LOGGER.info(() -> "Started " + name + " (pid " + process.pid() + ")");
            current = new Running(process);
            return current;
        } catch (IOException e) {
            throw new Failure(Failure.Kind.START, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
    }

    private record Pending(CompletableFuture<String> reply, Consumer<String> onLateReply) {
    }

    /** One started process with its reader threads. */
    private final class Running {
        private final Process process;
        private final OutputStream stdin;
        private final StreamDrain stderr;
        private final Deque<Pending> pending = new ArrayDeque<>();
        private boolean ended;

        Running(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            this.stderr = StreamDrain.start(process.getErrorStream(), LOGGER, name);
            Thread.ofVirtual().name(name + "-stdout").start(this::readReplies);
        }

        synchronized boolean ended() {
            return ended;
        }

        Pending enqueue(Consumer<String> onLateReply) throws Failure {
            synchronized (this) {
                if (!ended) {
                    Pending p = new Pending(new CompletableFuture<>(), onLateReply);
                    pending.addLast(p);
                    return p;
                }
            }
            throw exitFailure();
        }

        void send(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                LOGGER.log(Level.FINE, name + " stdin closed", e);
            }
        }

        private void readReplies() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Pending p;
                    synchronized (this) {
                        p = pending.pollFirst();
                    }
                    if (p == null) {
                        String shown = line;
                        LOGGER.warning(() -> name + " wrote output nobody asked for: " + abbreviate(shown));
                    } else if (!p.reply.complete(line)) {
                        p.onLateReply.accept(line);
                    }
                }
            } catch (IOException e) {
                LOGGER.log(Level.FINE, name + " stdout closed", e);
            }
            waitQuietly(Duration.ofSeconds(2));
            stderr.join(Duration.ofMillis(500));
            List<Pending> orphans;
            synchronized (this) {
                ended = true;
                orphans = List.copyOf(pending);
                pending.clear();
            }
            Failure failure = exitFailure();
            orphans.forEach(p -> p.reply.completeExceptionally(failure));
        }

        Failure exitFailure() {
            return new Failure(Failure.Kind.EXIT, name + " " + exitDescription() + " " + stderr.tail());
        }

        String exitDescription() {
            return process.isAlive() ? "closed its output" : "exited with status " + process.exitValue();
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitQuietly(Duration.ofSeconds(2));
        }

        void stop(Duration grace) {
            try {
                stdin.close();
            } catch (IOException e) {
                LOGGER.log(Level.FINE, name + " stdin already closed", e);
            }
            if (!waitQuietly(grace)) {
                process.destroy();
                if (!waitQuietly(grace)) {
                    LOGGER.warning(() -> name + " ignored SIGTERM, killing it");
                    kill();
                }
            }
            stderr.join(Duration.ofMillis(500));
        }

        private boolean waitQuietly(Duration max) {
            try {
                return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Why a request to the process failed. */
    public static final class Failure extends Exception {
        /** The kinds of failure. */
        public enum Kind {
            /** The executable could not be started. */
            START,
            /** The process exited (crashed) before answering. */
            EXIT,
            /** No answer in time; the process was killed. */
            TIMEOUT,
            /** The manager has been closed. */
            CLOSED
        }

        private final Kind kind;

        /**
         * Creates the failure.
         *
         * @param kind    what went wrong
         * @param message detail for the log
         */
        public Failure(Kind kind, String message) {
            super(message.strip(), null, false, false);
            this.kind = kind;
        }

        /**
         * What went wrong.
         *
         * @return the kind
         */
        public Kind kind() {
            return kind;
        }
    }
}
