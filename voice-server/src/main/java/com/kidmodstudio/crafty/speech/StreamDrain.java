package com.kidmodstudio.crafty.speech;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a process's diagnostic stream on a virtual thread so the process never blocks on a full
 * pipe: every line goes to the log at {@code FINE}, the last few are kept for error messages.
 * Lines are cut at 300 bytes; give it an {@link OutputCap} to bound the whole stream.
 */
final class StreamDrain {
    private static final int KEEP = 12;
    private static final int LINE = 300;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    private StreamDrain(InputStream in, Logger log, String prefix) {
        this.thread = Thread.ofVirtual().name(prefix + "-stderr").start(() -> drain(new BufferedInputStream(in), log, prefix));
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
        try (InputStream stream = in) {
            for (String line = line(stream); line != null; line = line(stream)) {
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                log.fine(() -> "[" + prefix + "] " + text);
                synchronized (this) {
                    tail.addLast(text);
                    if (tail.size() > KEEP) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            log.log(Level.FINEST, "stderr of " + prefix + " closed", e);
            synchronized (this) {
                tail.addLast(e.getMessage());
            }
        }
    }

    /**
     * The next line, cut at {@value #LINE} bytes (the rest of a longer line is skipped, so a line
     * without end cannot fill the memory), or {@code null} at the end.
     */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        for (; b >= 0 && b != '\n'; b = in.read()) {
            if (line.size() < LINE) {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
