package com.kidmodstudio.crafty.engine;

import java.time.Instant;
import java.util.Map;


/**
 * What one engine reports for {@code GET /status}.
 *
 * @param engine       engine name, e.g. {@code "ollama"}, {@code "espeak-ng"}
 * @param available    whether it can serve a request right now
 * @param location     URL or executable path it uses
 * @param model        model or voice it is configured with, or {@code null}
 * @param modelPresent whether that model is installed, or {@code null} when unknown
 * @param lastError    the last problem seen, or {@code null}
 * @param checkedAt    when this was measured
 * @param detail       engine-specific extra facts (sample rate, language notes, ...)
 */
public record EngineStatus(String engine,
                           boolean available,
                           String location,
                           String model,
                           Boolean modelPresent,
                           String lastError,
                           Instant checkedAt,
                           Map<String, Object> detail) {

    /**
     * A status for an engine that is not configured or not installed.
     *
     * @param engine engine name
     * @param location where it was looked for
     * @param why human-readable reason
     * @return an unavailable status
     */
    public static EngineStatus unavailable(String engine, String location, String why) {
        return new EngineStatus(engine, false, location, null, null, why, Instant.now(), Map.of());
    }
}
