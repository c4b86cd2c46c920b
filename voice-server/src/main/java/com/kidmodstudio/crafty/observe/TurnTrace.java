package com.kidmodstudio.crafty.observe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;

/**
 * One turn's trace: when each stage was reached, and how it ended. Logs {@code turn.started}
 * and one {@code turn.finished} line with the stage timings in milliseconds; records the
 * latency histograms. Marks are idempotent (the first one counts) and thread-safe.
 */
public final class TurnTrace {
    private final Telemetry telemetry;
    private final String route;
    private final String connection;
    private final String kind;
    private final String requestId;
    private final String sessionId;
    private final long started = System.nanoTime();
    private final Map<Telemetry.Stage, Long> marks = new EnumMap<>(Telemetry.Stage.class);
    private boolean finished;

    TurnTrace(Telemetry telemetry, String route, String connection, String kind, String requestId, String sessionId) {
        this.telemetry = telemetry;
        this.route = route;
        this.connection = connection;
        this.kind = kind;
        this.requestId = requestId;
        this.sessionId = sessionId;
        telemetry.event(Level.INFO, "turn.started", Telemetry.fields("route", route, "conn", connection, "session", sessionId,
                                                                    "request", requestId, "kind", kind));
    }

    /**
     * Notes that a stage was reached now; later marks of the same stage are ignored.
     *
     * @param stage the stage
     */
    public synchronized void mark(Telemetry.Stage stage) {
        marks.putIfAbsent(stage, System.nanoTime());
    }

    /**
     * Logs the text of the turn, but only when {@code log.content} is on.
     *
     * @param label e.g. {@code question}, {@code transcript}, {@code answer}
     * @param text  the words
     */
    public void content(String label, String text) {
        if (telemetry.logContent()) {
            telemetry.event(Level.INFO, "turn.content", Telemetry.fields("route", route, "conn", connection, "session",
                                                                        sessionId, "request", requestId, label, text));
        }
    }

    /**
     * Ends the turn: logs its timings and records the metrics. Only the first call counts.
     *
     * @param outcome {@code done}, {@code cancelled} or the error code the turn ended with
     */
    public void finish(String outcome) {
        Map<String, Object> fields;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            fields = Telemetry.fields("route", route, "conn", connection, "session", sessionId, "request", requestId,
                                      "kind", kind, "outcome", outcome);
            for (Map.Entry<Telemetry.Stage, Long> mark : marks.entrySet()) {
                fields.put(mark.getKey().field(), (mark.getValue() - started) / 1_000_000);
            }
            fields.put("doneMs", (System.nanoTime() - started) / 1_000_000);
        }
        telemetry.event(Level.INFO, "turn.finished", fields);
        if (!telemetry.measuring()) {
            return;
        }
        boolean failed = !"done".equals(outcome) && !"cancelled".equals(outcome);
        telemetry.countTurn(route, failed ? "error" : outcome);
        if (failed) {
            telemetry.countError(outcome, route);
        }
        record(Telemetry.Stage.STT, started);
        record(Telemetry.Stage.LLM_FIRST_TOKEN, started);
        Long firstToken = marks.get(Telemetry.Stage.LLM_FIRST_TOKEN);
        if (firstToken != null) {
            record(Telemetry.Stage.FIRST_CHUNK, firstToken);
        }
        record(Telemetry.Stage.FIRST_SENTENCE, started);
        record(Telemetry.Stage.FIRST_AUDIO, started);
    }

    private void record(Telemetry.Stage stage, long from) {
        Long at = marks.get(stage);
        if (at != null) {
            telemetry.histogram(stage.metric(), "turn stage " + stage.name().toLowerCase(java.util.Locale.ROOT),
                                "route", route).record(Duration.ofNanos(at - from));
        }
    }
}
