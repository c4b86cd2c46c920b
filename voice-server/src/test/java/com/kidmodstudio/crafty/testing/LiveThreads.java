package com.kidmodstudio.crafty.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The threads of this JVM by name, virtual ones included (which {@link Thread#getAllStackTraces()}
 * leaves out): read from the JVM's own thread dump.
 */
public final class LiveThreads {
    private LiveThreads() {
    }

    /**
     * Waits until no thread whose name contains one of the given parts is alive; threads end
     * a moment after a turn's final message went out.
     *
     * @param timeout how long to wait
     * @param parts   name parts, e.g. {@code -turn}, {@code tts-sentences}
     * @return the matching threads still alive at the deadline; empty when none
     */
    public static List<String> awaitNone(Duration timeout, String... parts) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> alive = matching(parts);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            alive = matching(parts);
        }
        return alive;
    }

    private static List<String> matching(String... parts) throws IOException {
        Path dir = Files.createTempDirectory("crafty-threads");
        Path dump = dir.resolve("threads.txt");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readAllLines(dump).stream().filter(line -> line.startsWith("#"))
                    .filter(line -> List.of(parts).stream().anyMatch(line::contains)).toList();
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dir);
        }
    }
}
