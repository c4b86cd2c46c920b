package com.kidmodstudio.crafty.observe;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.Settings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one place every route and engine reports to. Each event becomes one JSON log line with the
 * connection id, session id and request id where there is one (so a turn can be followed with
 * {@code grep}), and updates the Prometheus metrics. The child's words appear in no log line
 * unless {@code log.content} is on.
 */
public final class Telemetry {
    private static final Logger EVENTS = Logger.getLogger("crafty.events");

    private final boolean logContent;
    private final boolean measure;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    private Telemetry(boolean logContent, boolean measure) {
        this.logContent = logContent;
        this.measure = measure;
        if (measure) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
        }
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
            open.computeIfAbsent(route, r -> registry.gauge("crafty.connections.open", Tags.of("route", r), new AtomicInteger()))
                    .incrementAndGet();
            Counter.builder("crafty.connections").description("WebSocket connections accepted").tag("route", route)
                    .register(registry).increment();
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
            Counter.builder("crafty.upgrades.refused").description("refused WebSocket upgrades and requests")
                    .tag("reason", reason).register(registry).increment();
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
            Counter.builder("crafty.engine.events").tag("engine", engine).tag("event", what).register(registry).increment();
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
            histogram("crafty.guard", "safety guard model classification", Tags.of("outcome", outcome)).record(took);
        }
    }

    /**
     * The metrics in Prometheus text format.
     *
     * @return the exposition
     */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * A short summary for {@code /status}: turns served and the median time to first audio.
     *
     * @return the summary
     */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        double turns = registry.find("crafty.turns").counters().stream().mapToDouble(Counter::count).sum();
        summary.put("turns", (long) turns);
        summary.put("connections", open.values().stream().mapToInt(AtomicInteger::get).sum());
        registry.find(Stage.FIRST_AUDIO.metric).timers().stream()
                .filter(timer -> timer.count() > 0)
                .flatMap(timer -> Arrays.stream(timer.takeSnapshot().percentileValues()))
                .filter(p -> p.percentile() == 0.5)
                .findFirst()
                .ifPresent(p -> summary.put("firstAudioMedianMs", Math.round(p.value(TimeUnit.MILLISECONDS))));
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

    Timer histogram(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .publishPercentiles(0.5).minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    Counter counter(String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
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
        STT("crafty.stt.duration"),
        /** The language model's first token arrived. */
        LLM_FIRST_TOKEN("crafty.llm.first.token"),
        /** The first chunk of the reply went out; measured from the first token. */
        FIRST_CHUNK("crafty.first.chunk.added"),
        /** The first sentence was complete. */
        FIRST_SENTENCE("crafty.first.sentence"),
        /** The first audio frame went out. */
        FIRST_AUDIO("crafty.first.audio");

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
                counter("crafty.errors", Tags.of("code", code, "route", route)).increment();
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
