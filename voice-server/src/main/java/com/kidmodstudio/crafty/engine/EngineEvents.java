package com.kidmodstudio.crafty.engine;

/**
 * Where an engine reports what happens to its processes: {@code started}, {@code crashed}
 * (it died or hung while in use), {@code restarted}. Telemetry logs and counts them.
 */
@FunctionalInterface
public interface EngineEvents {
    /** Reports nothing; for engines built outside the server. */
    EngineEvents NONE = (engine, event, detail) -> { };

    /**
     * Reports an event.
     *
     * @param engine e.g. {@code piper}
     * @param event  {@code started}, {@code crashed} or {@code restarted}
     * @param detail a short technical detail, or {@code null}
     */
    void report(String engine, String event, String detail);
}
