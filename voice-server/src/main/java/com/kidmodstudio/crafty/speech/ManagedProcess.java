package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineEvents;
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
 *       fresh one) and fails with {@link ProcessFailure.Kind#TIMEOUT};</li>
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
    private final EngineEvents events;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile RunningProcess current;
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
        this(name, command, stopGrace, beforeStart, EngineEvents.NONE);
    }

    /**
     * Creates the manager, reporting starts, crashes and restarts; nothing starts yet.
     *
     * @param name        engine name for logs
     * @param command     executable and arguments
     * @param stopGrace   how long {@link #close()} waits after each polite step
     * @param beforeStart runs before every start, e.g. to clear the previous process's files
     * @param events      where process events are reported
     */
    public ManagedProcess(String name, List<String> command, Duration stopGrace, Runnable beforeStart,
                          EngineEvents events) {
        this.name = name;
        this.command = List.copyOf(command);
        this.stopGrace = stopGrace;
        this.beforeStart = beforeStart;
        this.events = events;
    }

    /**
     * Sends one line and waits for the one line that answers it.
     *
     * @param line        the request, without line break
     * @param timeout     how long the reply may take, counted from the call (covers a start)
     * @param cancel      cancelling it returns at once with {@link CancelledException}
     * @param onLateReply receives the reply of a cancelled or timed-out request if it still comes
     * @return the reply line
     * @throws ProcessFailure when the process cannot start, dies, or does not answer in time
     */
    public String request(String line, Duration timeout, Cancellation cancel, Consumer<String> onLateReply)
            throws ProcessFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        acquire(deadline, cancel);
        try {
            RunningProcess running = ensureRunning();
            RunningProcess.Pending pending = running.enqueue(onLateReply);
            running.send(line);
            Cancellation.Registration registration = cancel.onCancel(
                    () -> pending.reply().completeExceptionally(new CancelledException(cancel.reason())));
            try {
                return pending.reply().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.kill();
                throw new ProcessFailure(ProcessFailure.Kind.TIMEOUT, name + " gave no answer within " + timeout.toMillis()
                                                        + " ms and was stopped " + running.stderrTail());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancelledException cancelled) {
                    throw cancelled;
                }
                throw (ProcessFailure) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("interrupted");
            } finally {
                registration.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the process now unless it is running.
     *
     * @throws ProcessFailure when it cannot be started
     */
    public void start() throws ProcessFailure {
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
        RunningProcess running = current;
        if (running != null && running.process().isAlive()) {
            LOGGER.warning(() -> "Stopping " + name + " (pid " + running.process().pid() + "): " + why);
            events.report(name, "crashed", why);
            running.kill();
        }
    }

    /**
     * The running process's id.
     *
     * @return the pid, empty when no process is alive
     */
    public OptionalLong pid() {
        RunningProcess running = current;
        return running != null && running.process().isAlive() ? OptionalLong.of(running.process().pid()) : OptionalLong.empty();
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
        RunningProcess running = current;
        if (running != null) {
            running.stop(stopGrace);
        }
    }

    private void acquire(long deadline, Cancellation cancel) throws ProcessFailure {
        try {
            while (!lock.tryLock(LOCK_POLL_MS, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    throw new ProcessFailure(ProcessFailure.Kind.TIMEOUT, name + " stayed busy with other requests");
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

    private RunningProcess ensureRunning() throws ProcessFailure {
        if (closed) {
            throw new ProcessFailure(ProcessFailure.Kind.CLOSED, name + " is shut down");
        }
        RunningProcess running = current;
        if (running != null && running.process().isAlive() && !running.ended()) {
            return running;
        }
        if (running != null) {
            running.kill();
            LOGGER.info(() -> "Restarting " + name + " after " + running.exitDescription());
            events.report(name, "restarted", running.exitDescription());
        }
        beforeStart.run();
        try {
            Process process = new ProcessBuilder(command).start();
            starts++;
            LOGGER.info(() -> "Started " + name + " (pid " + process.pid() + ")");
            events.report(name, "started", "pid " + process.pid());
            current = new RunningProcess(name, process, LOGGER);
            return current;
        } catch (IOException e) {
            throw new ProcessFailure(ProcessFailure.Kind.START, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
    }

}
