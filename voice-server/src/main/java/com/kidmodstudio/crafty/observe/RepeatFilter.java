package com.kidmodstudio.crafty.observe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the web server's repeated warnings from flooding the log: Helidon logs one warning with a
 * stack trace for every aborted request, so a thousand of them (a slowloris run, a browser that
 * closes tabs mid-request) used to push every useful line out of the rotation. Of each warning
 * from {@code io.helidon.*} (same logger and message) the first in a window is written; the rest
 * are counted, and once the window is over one line says how many were left out. Crafty's own
 * lines pass untouched.
 */
final class RepeatFilter implements Filter {
    private static final Logger SUMMARY = Logger.getLogger("com.kidmodstudio.crafty.observe.Repeats");

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * Starts the window.
     *
     * @param window how long one warning is written once, e.g. a minute
     */
    RepeatFilter(Duration window) {
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("log-repeats").factory());
        timer.scheduleAtFixedRate(this::summarise, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName();
        if (logger == null || !logger.startsWith("io.helidon.") || record.getLevel().intValue() < Level.WARNING.intValue()) {
            return true;
        }
        Seen seen = this.seen.computeIfAbsent(logger + ": " + record.getMessage(), key -> new Seen(record));
        return seen.allows(record);
    }

    /** Ends the window: one line per repeated warning, and the next occurrence is written again. */
    void summarise() {
        for (String key : seen.keySet()) {
            Seen ended = seen.remove(key);
            int more = ended == null ? 0 : ended.more();
            if (more > 0) {
                SUMMARY.warning(() -> key + " (repeated " + more + " more times; only the first is logged per window)");
            }
        }
    }

    /**
     * One warning within the window. Every handler asks about the same record, so a record is
     * decided once: the first one passes every handler, each later one is counted once.
     */
    private static final class Seen {
        private final LogRecord first;
        private LogRecord last;
        private int more;

        Seen(LogRecord first) {
            this.first = first;
        }

        synchronized boolean allows(LogRecord record) {
            if (record == first) {
                return true;
            }
            if (record != last) {
                last = record;
                more++;
            }
            return false;
        }

        synchronized int more() {
            return more;
        }
    }

    /** Stops the window's timer. */
    void close() {
        timer.shutdownNow();
    }
}
