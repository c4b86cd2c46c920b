package com.kidmodstudio.crafty.observe;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The sidecar's metrics, served in Prometheus' text format (version 0.0.4): counters, gauges and
 * histograms of durations, each family with a name, a help line and labels, and the JVM's
 * memory pools, buffer pools and threads read at each scrape. Updating a metric takes no lock
 * except a histogram's own; a scrape sees each series as it is at that moment.
 */
final class Metrics {
    /**
     * Upper bounds of the duration histograms, in seconds: from a millisecond (what the server
     * adds to a reply) to a minute (a long transcription).
     */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** How many of a histogram's latest values its {@link Histogram#recent()} keeps. */
    static final int RECENT = 100;

    private final Map<String, Family<?>> families = new ConcurrentSkipListMap<>();
    private final boolean jvm;

    /**
     * Creates an empty registry.
     *
     * @param jvm whether scrapes include the JVM's memory, buffer pools and threads
     */
    Metrics(boolean jvm) {
        this.jvm = jvm;
    }

    /**
     * The counter of one label set, made at first use.
     *
     * @param name   e.g. {@code crafty_turns_total}
     * @param help   the help line
     * @param labels name and value pairs
     * @return the counter
     */
    LongAdder counter(String name, String help, String... labels) {
        return family(name, help, "counter", LongAdder.class, k -> new LongAdder()).series(labels);
    }

    /**
     * The gauge of one label set, made at first use.
     *
     * @param name   e.g. {@code crafty_connections_open}
     * @param help   the help line
     * @param labels name and value pairs
     * @return the gauge
     */
    AtomicInteger gauge(String name, String help, String... labels) {
        return family(name, help, "gauge", AtomicInteger.class, k -> new AtomicInteger()).series(labels);
    }

    /**
     * The duration histogram of one label set, made at first use.
     *
     * @param name   e.g. {@code crafty_first_audio_seconds}
     * @param help   the help line
     * @param labels name and value pairs
     * @return the histogram
     */
    Histogram histogram(String name, String help, String... labels) {
        return family(name, help, "histogram", Histogram.class, k -> new Histogram()).series(labels);
    }

    /**
     * Every series of a family, by its rendered labels ({@code {route="/chat"}}).
     *
     * @param name the family's name
     * @param type the series' class
     * @param <T>  the series' type
     * @return the series, empty when the family has none yet
     */
    <T> Map<String, T> series(String name, Class<T> type) {
        Family<?> family = families.get(name);
        if (family == null || family.type != type) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, T> series = (Map<String, T>) family.series;
        return series;
    }

    /**
     * Everything, in Prometheus' text format.
     *
     * @return the exposition
     */
    String scrape() {
        StringBuilder out = new StringBuilder(4096);
        for (Family<?> family : families.values()) {
            family.write(out);
        }
        if (jvm) {
            writeJvm(out);
        }
        return out.toString();
    }

    private <T> Family<T> family(String name, String help, String kind, Class<T> type, Function<String, T> make) {
        Family<?> family = families.computeIfAbsent(name, n -> new Family<>(n, help, kind, type, make));
        if (family.type != type) {
            throw new IllegalArgumentException(name + " is a " + family.kind + ", not a " + kind);
        }
        @SuppressWarnings("unchecked")
        Family<T> typed = (Family<T>) family;
        return typed;
    }

    /** A metric family: its series by rendered label set, sorted so scrapes are stable. */
    private static final class Family<T> {
        private final String name;
        private final String help;
        private final String kind;
        private final Class<T> type;
        private final Function<String, T> make;
        private final Map<String, T> series = new ConcurrentSkipListMap<>();

        Family(String name, String help, String kind, Class<T> type, Function<String, T> make) {
            this.name = name;
            this.help = help;
            this.kind = kind;
            this.type = type;
            this.make = make;
        }

        T series(String... labels) {
            return series.computeIfAbsent(labels(labels), make);
        }

        void write(StringBuilder out) {
            head(out, name, help, kind);
            for (Map.Entry<String, T> entry : series.entrySet()) {
                String labels = entry.getKey();
                switch (entry.getValue()) {
                    case LongAdder counter -> sample(out, name, labels, (double) counter.sum());
                    case AtomicInteger gauge -> sample(out, name, labels, (double) gauge.get());
                    case Histogram histogram -> histogram.write(out, name, labels);
                    default -> throw new IllegalStateException(name);
                }
            }
        }
    }

    /**
     * Durations in the buckets of {@link #BUCKETS}, with their count, sum and maximum, and the
     * latest {@link #RECENT} of them for a median.
     */
    static final class Histogram {
        private final long[] counts = new long[BUCKETS.length];
        private final double[] recent = new double[RECENT];
        private long count;
        private double sum;
        private double max;

        /**
         * Adds one duration.
         *
         * @param took the duration; a negative one counts as zero
         */
        synchronized void record(Duration took) {
            double seconds = Math.max(0, took.toNanos() / 1e9);
            int bucket = Arrays.binarySearch(BUCKETS, seconds);
            for (int i = bucket >= 0 ? bucket : -bucket - 1; i < counts.length; i++) {
                counts[i]++;
            }
            recent[(int) (count % RECENT)] = seconds;
            count++;
            sum += seconds;
            max = Math.max(max, seconds);
        }

        /**
         * The latest values, oldest first among those kept.
         *
         * @return up to {@link #RECENT} durations in seconds
         */
        synchronized double[] recent() {
            int kept = (int) Math.min(count, RECENT);
            double[] values = new double[kept];
            for (int i = 0; i < kept; i++) {
                values[i] = recent[(int) ((count - kept + i) % RECENT)];
            }
            return values;
        }

        void write(StringBuilder out, String name, String labels) {
            long[] buckets;
            long total;
            double seconds;
            double most;
            synchronized (this) {
                buckets = counts.clone();
                total = count;
                seconds = sum;
                most = max;
            }
            String open = labels.isEmpty() ? "{" : labels.substring(0, labels.length() - 1) + ",";
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append(name).append("_bucket").append(open).append("le=\"").append(BUCKETS[i]).append("\"} ")
                        .append(buckets[i]).append('\n');
            }
            out.append(name).append("_bucket").append(open).append("le=\"+Inf\"} ").append(total).append('\n');
            out.append(name).append("_count").append(labels).append(' ').append(total).append('\n');
            sample(out, name + "_sum", labels, seconds);
            sample(out, name + "_max", labels, most);
        }
    }

    /**
     * The median of some values.
     *
     * @param values the values; not changed
     * @return the median, or {@code NaN} for none
     */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Renders label pairs sorted by name: {@code {outcome="done",route="/chat"}}, or nothing for
     * no labels. Backslashes, quotes and line breaks in values are escaped.
     */
    static String labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name and value pairs");
        }
        if (pairs.length == 0) {
            return "";
        }
        List<String[]> sorted = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            sorted.add(new String[] {pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]});
        }
        sorted.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder("{");
        for (String[] pair : sorted) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(pair[0]).append("=\"");
            for (int i = 0; i < pair[1].length(); i++) {
                char c = pair[1].charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
        return out.append('}').toString();
    }

    private static void head(StringBuilder out, String name, String help, String kind) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(kind).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static void writeJvm(StringBuilder out) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        memory(out, pools, "jvm_memory_used_bytes", "The amount of used memory", pool -> pool.getUsage().getUsed());
        memory(out, pools, "jvm_memory_committed_bytes", "The amount of memory in bytes that is committed for the JVM to use",
               pool -> pool.getUsage().getCommitted());
        memory(out, pools, "jvm_memory_max_bytes", "The maximum amount of memory in bytes that can be used, -1 if undefined",
               pool -> pool.getUsage().getMax());
        List<BufferPoolMXBean> buffers = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        buffers(out, buffers, "jvm_buffer_count_buffers", "An estimate of the number of buffers in the pool",
                BufferPoolMXBean::getCount);
        buffers(out, buffers, "jvm_buffer_memory_used_bytes", "An estimate of the memory the JVM uses for this buffer pool",
                BufferPoolMXBean::getMemoryUsed);
        buffers(out, buffers, "jvm_buffer_total_capacity_bytes", "An estimate of the total capacity of the buffers in this pool",
                BufferPoolMXBean::getTotalCapacity);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        head(out, "jvm_threads_live_threads", "The current number of live platform threads, daemon or not", "gauge");
        sample(out, "jvm_threads_live_threads", "", threads.getThreadCount());
        head(out, "jvm_threads_daemon_threads", "The current number of live daemon platform threads", "gauge");
        sample(out, "jvm_threads_daemon_threads", "", threads.getDaemonThreadCount());
        head(out, "jvm_threads_peak_threads", "The peak live platform thread count since the JVM started", "gauge");
        sample(out, "jvm_threads_peak_threads", "", threads.getPeakThreadCount());
        head(out, "jvm_threads_started_threads_total", "The total number of platform threads started in the JVM", "counter");
        sample(out, "jvm_threads_started_threads_total", "", threads.getTotalStartedThreadCount());
    }

    private static void memory(StringBuilder out, List<MemoryPoolMXBean> pools, String name, String help,
                               Function<MemoryPoolMXBean, Long> value) {
        head(out, name, help, "gauge");
        for (MemoryPoolMXBean pool : pools) {
            if (!pool.isValid()) {
                continue;
            }
            String area = pool.getType() == MemoryType.HEAP ? "heap" : "nonheap";
            sample(out, name, labels("area", area, "id", pool.getName()), value.apply(pool));
        }
    }

    private static void buffers(StringBuilder out, List<BufferPoolMXBean> pools, String name, String help,
                                Function<BufferPoolMXBean, Long> value) {
        head(out, name, help, "gauge");
        for (BufferPoolMXBean pool : pools) {
            sample(out, name, labels("id", pool.getName()), value.apply(pool));
        }
    }
}
