package com.kidmodstudio.crafty.speech;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Brief;

/**
 * One started process of a {@link ManagedProcess}: writes request lines to its stdin, reads
 * reply lines on a virtual thread and hands each to the oldest waiting request (or, when that
 * request was abandoned, to its late-reply handler), drains stderr, and when the process ends
 * fails every waiting request with its exit status and last stderr lines.
 */
final class RunningProcess {
    private final String name;
    private final Process process;
    private final Logger log;
    private final OutputStream stdin;
    private final StreamDrain stderr;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean ended;

    /**
     * A request waiting for its reply line.
     *
     * @param reply       completed with the line, or with the failure
     * @param onLateReply gets the line when {@code reply} was already completed (cancelled)
     */
    record Pending(CompletableFuture<String> reply, Consumer<String> onLateReply) {
    }

    RunningProcess(String name, Process process, Logger log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = process.getOutputStream();
        this.stderr = StreamDrain.start(process.getErrorStream(), log, name);
        Thread.ofVirtual().name(name + "-stdout").start(this::readReplies);
    }

    Process process() {
        return process;
    }

    String stderrTail() {
        return stderr.tail();
    }

    synchronized boolean ended() {
        return ended;
    }

    Pending enqueue(Consumer<String> onLateReply) throws ProcessFailure {
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
            log.log(Level.FINE, name + " stdin closed", e);
        }
    }

    private void readReplies() {
        try (InputStream out = new BufferedInputStream(process.getInputStream())) {
            for (String line = line(out); line != null; line = line(out)) {
                Pending p;
                synchronized (this) {
                    p = pending.pollFirst();
                }
                if (p == null) {
                    String shown = line;
                    log.warning(() -> name + " wrote output nobody asked for: " + abbreviate(shown));
                } else if (!p.reply().complete(line)) {
                    p.onLateReply().accept(line);
                }
            }
        } catch (LineTooLong e) {
            log.warning(() -> name + " " + e.getMessage() + "; stopping it");
            kill();
        } catch (IOException e) {
            log.log(Level.FINE, name + " stdout closed", e);
        }
        waitQuietly(Duration.ofSeconds(2));
        stderr.join(Duration.ofMillis(500));
        List<Pending> orphans;
        synchronized (this) {
            ended = true;
            orphans = List.copyOf(pending);
            pending.clear();
        }
        ProcessFailure failure = exitFailure();
        orphans.forEach(p -> p.reply().completeExceptionally(failure));
    }

    ProcessFailure exitFailure() {
        return new ProcessFailure(ProcessFailure.Kind.EXIT, name + " " + exitDescription() + " " + stderr.tail());
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
            log.log(Level.FINE, name + " stdin already closed", e);
        }
        if (!waitQuietly(grace)) {
            process.destroy();
            if (!waitQuietly(grace)) {
                log.warning(() -> name + " ignored SIGTERM, killing it");
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

    /** The next reply line, or {@code null} at the end; a line past {@link OutputCap#TEXT} is refused. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        for (; b >= 0 && b != '\n'; b = in.read()) {
            if (line.size() >= OutputCap.TEXT) {
                throw new LineTooLong();
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
    }

    /** A reply line longer than any real reply. */
    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("printed a line longer than " + OutputCap.TEXT + " bytes");
        }
    }

        private static String abbreviate(String s) {
        return Brief.text(s, 120);
    }
}
