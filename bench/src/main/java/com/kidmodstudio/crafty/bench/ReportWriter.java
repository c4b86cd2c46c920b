package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns the results of all launches into {@code docs/benchmarks.md}: what was run where, the
 * targets with pass or miss (judged on the packaged runtime, the one the studio ships), then one
 * table per metric with the launches side by side.
 */
final class ReportWriter {
    private final Benchmark.Settings settings;
    private final List<RunResults> results;
    private final String loadAtStart;
    private final Report report = new Report();
    private final Map<String, PeerBench.Figures> sideBySide;
    private final String shippedName;

    ReportWriter(Benchmark.Settings settings, List<RunResults> results, String loadAtStart,
                 Map<String, PeerBench.Figures> sideBySide, String shippedName) {
        this.settings = settings;
        this.results = results;
        this.loadAtStart = loadAtStart;
        this.sideBySide = sideBySide;
        this.shippedName = shippedName;
    }

    void write() throws IOException {
        if (results.isEmpty() && sideBySide != null) {
            PeerSection.write(report, sideBySide, shippedName, settings.runs());
            report.merge(settings.out());
            return;
        }
        intro();
        if (sideBySide != null) {
            PeerSection.write(report, sideBySide, shippedName, settings.runs());
        }
        if (!results.isEmpty()) {
            RunResults shipped = results.stream().filter(r -> r.launch.name().equals("packaged")).findFirst()
                    .orElse(results.getLast());
            Targets.judge(report, shipped);
            Sections.write(report, results, settings);
        }
        report.write(settings.out());
    }

    private void intro() throws IOException {
        Path image = settings.root().resolve("packaging/target/sidecar");
        report.intro("Written by `./studio bench` (`bench/`, `Benchmark.java`) on "
                     + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                     + ". Every figure below comes from that one run; run it again to refresh them.")
                .intro("")
                .intro("- **Machine**: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu() + "), "
                       + memory() + " RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                       + "; load average when the run began " + loadAtStart + ", when it ended " + loadAverage()
                       + " (the cores are shared with whatever else runs, e.g. other builds).")
                .intro("- **JDK** for `java -jar`, the fakes and the clients: " + System.getProperty("java.vendor") + " "
                       + System.getProperty("java.runtime.version") + ", default flags.")
                .intro("- **Packaged runtime** (`packaging/target/sidecar`, " + megabytes(size(image)) + " on disk): "
                       + release(image) + "; JVM flags `" + flags(image) + "`; "
                       + (Files.exists(image.resolve("lib/crafty.aot")) ? "AOT cache `lib/crafty.aot`"
                               : Files.exists(image.resolve("lib/crafty.jsa")) ? "AppCDS archive `lib/crafty.jsa`"
                               : "no class cache") + ".")
                .intro("- **Engines** with fixed, known timings: " + Engines.describe() + ".")
                .intro("- **Method**: each launch is started as the studio app starts it (free port, token, "
                       + "`SIDECAR_STDIN=true`, a clean environment) and driven over its real sockets by clients in "
                       + "this JVM; the fake Ollama runs in this JVM too, so its token times and the clients' arrival "
                       + "times share one clock. Medians, p99 (nearest rank) and min–max over the runs stated. "
                       + "The targets are judged on the packaged runtime.");
    }

    private static String cpu() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.exists(info)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(System.getProperty("os.arch"));
    }

    private static String memory() throws IOException {
        Path info = Path.of("/proc/meminfo");
        if (!Files.exists(info)) {
            return "unknown";
        }
        long kib = Files.readAllLines(info).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String release(Path image) throws IOException {
        Path release = image.resolve("release");
        if (!Files.exists(release)) {
            return "not built";
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(release)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        }
        return "JDK " + keys.getOrDefault("JAVA_VERSION", "?") + ", modules " + keys.getOrDefault("MODULES", "?");
    }

    private static String flags(Path image) throws IOException {
        Path args = image.resolve("conf/crafty-sidecar.args");
        return Files.exists(args) ? String.join(" ", Files.readAllLines(args).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) : "?";
    }

    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    /**
     * A table row: a label, then one cell per launch.
     *
     * @param label   what the row shows
     * @param results the launches
     * @param cell    the quantity's cell for a launch
     * @return the row
     */
    static List<String> row(String label, List<RunResults> results, Function<RunResults, String> cell) {
        List<String> row = new ArrayList<>(List.of(label));
        results.forEach(r -> row.add(cell.apply(r)));
        return row;
    }
}
