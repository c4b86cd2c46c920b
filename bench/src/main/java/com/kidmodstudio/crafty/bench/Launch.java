package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A way to start the sidecar: {@code java -jar voice-server.jar} as a developer runs it, or the
 * packaged runtime's launcher as the studio app ships it, possibly with settings of its own.
 *
 * @param name     what the report calls it
 * @param command  the command line
 * @param settings configuration variables every start of this launch gets, e.g. to switch off
 *                 the metrics; empty for the sidecar as it ships
 * @param logs     the directory for the sidecars' output
 */
public record Launch(String name, List<String> command, Map<String, String> settings, Path logs) {
    private static final Duration READY_LIMIT = Duration.ofSeconds(30);

    /**
     * Starts one sidecar and waits until it is ready.
     *
     * @param settings its configuration variables
     * @param label    names its log file
     * @return the ready sidecar
     * @throws IOException when it does not become ready
     */
    public Sidecar start(Map<String, String> settings, String label) throws IOException {
        String file = (name + "-" + label).replaceAll("[^A-Za-z0-9.-]+", "-") + ".log";
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(this.settings);
        return Sidecar.start(command, all, logs.resolve(file), READY_LIMIT);
    }
}
