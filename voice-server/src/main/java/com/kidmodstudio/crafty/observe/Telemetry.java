package com.kidmodstudio.crafty.observe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.DoubleStream;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.Settings;

/**
 * The one place every route and engine reports to. Each event becomes one JSON log line with the
 * connection id, session id and request id where there is one (so a turn can be followed with
 * {@code grep}), and updates the Prometheus metrics. The child's words appear in no log line
 * unless {@code log.content} is on.
 */
public final class Telemetry {
    private static final Logger EVENTS = Logger.getLogger("crafty.events");
    private static final String TURNS = "crafty_turns_total";

    private final boolean logContent;
    private final boolean measure;
    private final Metrics metrics;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    private Telemetry(boolean logContent, boolean measure) {
        this.logContent = logContent;
        this.measure = measure;
        this.metrics = new Metrics(measure);
    }

    /**
     * Reads {@code log.content} ({@code LOG_CONTENT}) and {@code log.metrics} ({@code LOG_METRICS}).
     *
     * @param log the {@code log} subtree
     * @return the telemetry
     */
    public static Telemetry create(Config log) {
        return new Telemetry(Settings.flag(log, "content", false), Settings.flag(log, "metrics", true));
    }

    /**
     * Whether message text may be logged.
     *
     * @return the {@code log.content} switch
     */
    public boolean logContent() {
        return logContent;
    }

    /**
     * A WebSocket connection opened.
     *
     * @param route  e.g. {@code /chat}
     * @param origin the {@code Origin} header, or {@code null}
     * @return its trace
     */
    public Connection opened(String route, String origin) {
        Connection connection = new Connection(route, Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
        if (measure) {
            open.computeIfAbsent(route, r -> metrics.gauge("crafty_connections_open", "WebSocket connections open now", "route", r))
                    .incrementAndGet();
            metrics.counter("crafty_connections_total", "WebSocket connections accepted", "route", route).increment();
        }
        event(Level.INFO, "connection.opened", fields("route", route, "conn", connection.id, "origin", origin));
        return connection;
    }

    /**
     * A WebSocket upgrade or HTTP request was refused.
     *
     * @param path   the requested path
     * @param reason e.g. {@code origin}, {@code token}, {@code host}
     */
    public void refused(String path, String reason) {
        if (measure) {
            metrics.counter("crafty_upgrades_refused_total", "refused WebSocket upgrades and requests", "reason", reason)
                    .increment();
        }
        event(Level.WARNING, "upgrade.refused", fields("path", path, "reason", reason));
    }

    /**
     * Something happened to an engine process: {@code started}, {@code crashed}, {@code restarted}.
     *
     * @param engine e.g. {@code piper}
     * @param what   the event
     * @param detail a short technical detail, or {@code null}
     */
    public void engine(String engine, String what, String detail) {
        if (measure && !"started".equals(what)) {
            metrics.counter("crafty_engine_events_total", "engine processes crashed or restarted", "engine", engine,
                            "event", what).increment();
        }
        event("crashed".equals(what) ? Level.WARNING : Level.INFO, "engine." + what,
              fields("engine", engine, "detail", detail));
    }

    /**
     * Records one call of the safety guard model ({@code crafty_guard_seconds{outcome}}).
     *
     * @param outcome {@code safe}, {@code unsafe} or {@code failed}
     * @param took    how long the classification took
     */
    public void guard(String outcome, Duration took) {
        if (measure) {
            histogram("crafty_guard_seconds", "safety guard model classification", "outcome", outcome).record(took);
        }
    }

    /**
     * The metrics in Prometheus text format.
     *
     * @return the exposition
     */
    public String scrape() {
        return metrics.scrape();
    }

    /**
     * A short summary for {@code /status}: turns served, connections open, and the median time
     * to first audio of the latest voice turns (up to {@value Metrics#RECENT} of each route).
     *
     * @return the summary
     */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        long turns = metrics.series(TURNS, LongAdder.class).values().stream()
                .mapToLong(LongAdder::sum).sum();
        summary.put("turns", turns);
        summary.put("connections", open.values().stream().mapToInt(AtomicInteger::get).sum());
        double[] firstAudio = metrics.series(Stage.FIRST_AUDIO.metric, Metrics.Histogram.class).values().stream()
                .flatMapToDouble(histogram -> DoubleStream.of(histogram.recent()))
                .toArray();
        if (firstAudio.length > 0) {
            summary.put("firstAudioMedianMs", Math.round(Metrics.median(firstAudio) * 1000));
        }
        return summary;
    }

    /**
     * Whether metrics are kept; off only to measure what they cost.
     *
     * @return the {@code log.metrics} switch
     */
    boolean measuring() {
        return measure;
    }

    Metrics.Histogram histogram(String name, String help, String... labels) {
        return metrics.histogram(name, help, labels);
    }

    /** Counts a finished turn: {@code done}, {@code cancelled} or {@code error}. */
    void countTurn(String route, String outcome) {
        metrics.counter(TURNS, "turns by how they ended", "route", route, "outcome", outcome).increment();
    }

    /** Counts a typed error, sent on its own or ending a turn. */
    void countError(String code, String route) {
        metrics.counter("crafty_errors_total", "typed errors sent", "code", code, "route", route).increment();
    }

    void event(Level level, String name, Map<String, Object> fields) {
        if (EVENTS.isLoggable(level)) {
            EVENTS.log(level, name, new Object[] {fields});
        }
    }

    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                fields.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return fields;
    }

    void closed(Connection connection, int code, String reason) {
        AtomicInteger count = open.get(connection.route);
        if (count != null) {
            count.decrementAndGet();
        }
        event(Level.INFO, "connection.closed", fields("route", connection.route, "conn", connection.id, "code", code,
                                                      "reason", reason, "durationMs",
                                                      (System.nanoTime() - connection.started) / 1_000_000));
    }

    /** The stages of a turn whose time is logged and measured. */
    public enum Stage {
        /** Speech to text finished. */
        STT("crafty_stt_duration_seconds"),
        /** The language model's first token arrived. */
        LLM_FIRST_TOKEN("crafty_llm_first_token_seconds"),
        /** The first chunk of the reply went out; measured from the first token. */
        FIRST_CHUNK("crafty_first_chunk_added_seconds"),
        /** The first sentence was complete. */
        FIRST_SENTENCE("crafty_first_sentence_seconds"),
        /** The first audio frame went out. */
        FIRST_AUDIO("crafty_first_audio_seconds");

        private final String metric;

        Stage(String metric) {
            this.metric = metric;
        }

        String field() {
            StringBuilder camel = new StringBuilder();
            for (String part : name().toLowerCase(Locale.ROOT).split("_")) {
                camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            return camel.append("Ms").toString();
        }

        String metric() {
            return metric;
        }
    }

    /**
     * One WebSocket connection's trace.
     */
    public final class Connection {
        private final String route;
        private final String id;
        private final long started = System.nanoTime();

        private Connection(String route, String id) {
            this.route = route;
            this.id = id;
        }

        /**
         * The connection id that appears on every line about it.
         *
         * @return a short hex id
         */
        public String id() {
            return id;
        }

        /**
         * A turn starts on this connection.
         *
         * @param kind      e.g. {@code chat}, {@code speak}, {@code audio}, {@code tts}, {@code stt}
         * @param requestId the request's id, or {@code null}
         * @param sessionId the conversation, or {@code null}
         * @return the turn's trace
         */
        public TurnTrace turn(String kind, String requestId, String sessionId) {
            return new TurnTrace(Telemetry.this, route, id, kind, requestId, sessionId);
        }

        /**
         * A typed error was sent.
         *
         * @param code      the error code
         * @param requestId the request, or {@code null}
         * @param sessionId the conversation, or {@code null}
         */
        public void error(String code, String requestId, String sessionId) {
            if (measure) {
                countError(code, route);
            }
            event(Level.WARNING, "error", fields("route", route, "conn", id, "session", sessionId, "request", requestId,
                                                 "code", code));
        }

        /**
         * The connection closed.
         *
         * @param code   the close code
         * @param reason the close reason
         */
        public void closed(int code, String reason) {
            Telemetry.this.closed(this, code, reason);
        }
    }
}
