package com.kidmodstudio.crafty.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The red-team set in {@code src/test/resources/safety/}: unsafe messages by category, messages
 * with personal data (and the secret in each), and harmless messages by topic. Also the table
 * of figures the red-team tests print.
 */
public final class RedTeamSet {
    /** Where the files are. */
    public static final Path DIR = Path.of("src", "test", "resources", "safety");

    private RedTeamSet() {
    }

    /**
     * One message of the set.
     *
     * @param label   the category, the secret or the topic (first column)
     * @param message the message
     */
    public record Entry(String label, String message) {
        /**
         * Whether this unsafe message is a crisis.
         *
         * @return whether its category gets the help text
         */
        public boolean crisis() {
            return Category.fromWire(label).crisis();
        }
    }

    /**
     * The unsafe messages.
     *
     * @return category and message
     */
    public static List<Entry> unsafe() {
        return read("redteam-unsafe.tsv");
    }

    /**
     * The messages with personal data.
     *
     * @return secret and message
     */
    public static List<Entry> personal() {
        return read("redteam-personal.tsv");
    }

    /**
     * The harmless messages.
     *
     * @return topic and message
     */
    public static List<Entry> harmless() {
        return read("redteam-harmless.tsv");
    }

    private static List<Entry> read(String name) {
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(DIR.resolve(name), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t", 2);
                entries.add(new Entry(row[0], row[1]));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts per row of the printed table: how many, how many caught (or touched), which were missed. */
    public static final class Figures {
        private final Map<String, int[]> rows = new TreeMap<>();
        private final List<String> misses = new ArrayList<>();

        /**
         * Counts one message.
         *
         * @param row     the table row
         * @param hit     whether it was caught (unsafe) or touched (harmless)
         * @param message the message, listed when it counts against the target
         * @param bad     whether this outcome counts against the target
         */
        public void count(String row, boolean hit, String message, boolean bad) {
            int[] counts = rows.computeIfAbsent(row, r -> new int[2]);
            counts[0]++;
            if (hit) {
                counts[1]++;
            }
            if (bad) {
                misses.add(row + ": " + message);
            }
        }

        /**
         * The share caught or touched in a row.
         *
         * @param row the row
         * @return between 0 and 1
         */
        public double rate(String row) {
            int[] counts = rows.get(row);
            return counts == null ? 0 : (double) counts[1] / counts[0];
        }

        /**
         * The messages that count against the targets.
         *
         * @return one line each
         */
        public List<String> misses() {
            return misses;
        }

        /**
         * The table, one row per category or topic.
         *
         * @param title    the heading
         * @param hitLabel what the rate means, e.g. {@code caught}
         * @return the table as text
         */
        public String table(String title, String hitLabel) {
            StringBuilder out = new StringBuilder(title).append('\n');
            out.append(String.format(Locale.ROOT, "%-16s %6s %8s %8s%n", "row", "n", hitLabel, "rate"));
            for (Map.Entry<String, int[]> row : rows.entrySet()) {
                int[] c = row.getValue();
                out.append(String.format(Locale.ROOT, "%-16s %6d %8d %7.1f%%%n", row.getKey(), c[0], c[1],
                                         100.0 * c[1] / c[0]));
            }
            return out.toString();
        }
    }
}
