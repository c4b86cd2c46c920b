package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Start-up and idle memory: process start to the first {@code 200} from {@code /status}, then
 * the resident set size one second after that and after a longer idle spell (the JVM gives
 * start-up buffers back only after a few seconds).
 */
final class StartupBench {
    private StartupBench() {
    }

    /**
     * Figures of one launch.
     *
     * @param ready    milliseconds to ready
     * @param rssReady MiB one second after ready
     * @param rssIdle  MiB after the idle spell
     * @param idle     the idle spell
     */
    record Result(Samples ready, Samples rssReady, Samples rssIdle, Duration idle) {
    }

    /**
     * Starts and stops the sidecar {@code runs} times, after one start that is not counted (it
     * fills the page cache, as any earlier start on the child's laptop has).
     *
     * @param launch   how to start it
     * @param settings its configuration
     * @param runs     counted starts
     * @param idle     how long it idles before the idle RSS is read
     * @return the figures
     * @throws IOException when a start fails
     */
    static Result run(Launch launch, Map<String, String> settings, int runs, Duration idle) throws IOException {
        try (Sidecar warmUp = launch.start(settings, "start-warm-up")) {
            warmUp.stop(Duration.ofSeconds(10));
        }
        Result result = new Result(new Samples(), new Samples(), new Samples(), idle);
        for (int i = 1; i <= runs; i++) {
            try (Sidecar sidecar = launch.start(settings, "start-" + i)) {
                double readyMs = sidecar.readyNanos() / 1e6;
                Sidecar.pause(1000);
                double rssReady = sidecar.rssKib() / 1024.0;
                Sidecar.pause(Math.max(0, idle.toMillis() - 1000));
                double rssIdle = sidecar.rssKib() / 1024.0;
                int exit = sidecar.stop(Duration.ofSeconds(10));
                if (exit != 0) {
                    throw new IOException(launch.name() + " did not stop cleanly when its stdin closed (exit " + exit
                                          + "), see " + sidecar.log());
                }
                result.ready().add(readyMs);
                result.rssReady().add(rssReady);
                result.rssIdle().add(rssIdle);
                System.out.printf("  %s, start %d: ready in %.0f ms; RSS %.1f MiB after 1 s, %.1f MiB after %d s%n",
                                  launch.name(), i, readyMs, rssReady, rssIdle, idle.toSeconds());
            }
        }
        return result;
    }
}
