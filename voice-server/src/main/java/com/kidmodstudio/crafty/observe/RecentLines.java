package com.kidmodstudio.crafty.observe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Keeps the last log lines in memory, formatted as JSON, for the diagnostics bundle. Bounded by
 * a line count, so it costs a fixed amount of memory however long Crafty runs.
 */
final class RecentLines extends Handler {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    RecentLines(int capacity) {
        this.capacity = capacity;
        setFormatter(new JsonLogFormatter());
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line = getFormatter().format(record).stripTrailing();
        synchronized (lines) {
            lines.addLast(line);
            while (lines.size() > capacity) {
                lines.removeFirst();
            }
        }
    }

    /**
     * The kept lines, oldest first.
     *
     * @return a copy
     */
    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
