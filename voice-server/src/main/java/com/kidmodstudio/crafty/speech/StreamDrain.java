package com.kidmodstudio.crafty.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a process's diagnostic stream on a virtual thread so the process never blocks on a full
 * pipe: every line goes to the log at {@code FINE}, the last few are kept for error messages.
 */
final class StreamDrain {
    private static final int KEEP = 12;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    private StreamDrain(InputStream in, Logger log, String prefix) {
        this.thread = Thread.ofVirtual().name(prefix + "-stderr").start(() -> drain(in, log, prefix));
    }

    /**
     * Starts draining.
     *
     * @param in     the stream, usually {@link Process#getErrorStream()}
     * @param log    where lines go
     * @param prefix engine name put before each line
     * @return the running drain
     */
    static StreamDrain start(InputStream in, Logger log, String prefix) {
        return new StreamDrain(in, log, prefix);
    }

    /**
     * The last lines read, joined by " | ", for an error message.
     *
     * @return the tail, empty when nothing was written
     */
    synchronized String tail() {
        return String.join(" | ", tail);
    }

    /**
     * Waits for the stream to end (the process has exited and the pipe is drained).
     *
     * @param max longest wait
     */
    void join(Duration max) {
        try {
            thread.join(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(InputStream in, Logger log, String prefix) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                log.fine(() -> "[" + prefix + "] " + text);
                synchronized (this) {
                    tail.addLast(text.length() > 300 ? text.substring(0, 300) : text);
                    if (tail.size() > KEEP) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            log.log(Level.FINEST, "stderr of " + prefix + " closed", e);
        }
    }
}
