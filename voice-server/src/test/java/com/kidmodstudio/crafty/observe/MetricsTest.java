package com.kidmodstudio.crafty.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The metrics registry writes Prometheus' text format as scrapers read it, counts exactly under
 * concurrent updates, and gives {@code /status} the median of the latest first-audio times.
 */
class MetricsTest {

    @Test
    void counters_and_gauges_are_written_with_help_type_and_sorted_labels() {
        Metrics metrics = new Metrics(false);
        metrics.counter("crafty_turns_total", "turns by how they ended", "route", "/chat", "outcome", "done").add(2);
        metrics.counter("crafty_turns_total", "turns by how they ended", "outcome", "error", "route", "/chat").increment();
        metrics.gauge("crafty_connections_open", "WebSocket connections open now", "route", "/chat").set(3);

        assertThat(metrics.scrape(), is("""
                # HELP crafty_connections_open WebSocket connections open now
                # TYPE crafty_connections_open gauge
                crafty_connections_open{route="/chat"} 3.0
                # HELP crafty_turns_total turns by how they ended
                # TYPE crafty_turns_total counter
                crafty_turns_total{outcome="done",route="/chat"} 2.0
                crafty_turns_total{outcome="error",route="/chat"} 1.0
                """));
    }

    @Test
    void label_values_are_escaped_and_a_series_without_labels_has_no_braces() {
        assertThat(Metrics.labels("path", "a\"b\\c\nd"), is("{path=\"a\\\"b\\\\c\\nd\"}"));
        assertThat(Metrics.labels(), is(""));
        assertThat(Metrics.labels("b", "2", "a", null), is("{a=\"\",b=\"2\"}"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.labels("route"));

        Metrics metrics = new Metrics(false);
        metrics.counter("plain_total", "no labels").increment();
        assertThat(metrics.scrape(), containsString("\nplain_total 1.0\n"));
    }

    @Test
    void a_histogram_has_cumulative_buckets_count_sum_and_max() {
        Metrics metrics = new Metrics(false);
        Metrics.Histogram histogram = metrics.histogram("crafty_first_audio_seconds", "turn stage first_audio", "route", "/voice/chat");
        histogram.record(Duration.ofMillis(1));     // exactly on the first bound: counted in it
        histogram.record(Duration.ofMillis(40));
        histogram.record(Duration.ofMillis(450));
        histogram.record(Duration.ofSeconds(90));   // past the last bound: only in +Inf
        histogram.record(Duration.ofMillis(-5));    // a clock step back counts as zero

        String scrape = metrics.scrape();
        String open = "crafty_first_audio_seconds_bucket{route=\"/voice/chat\",le=";
        assertThat(scrape, containsString("# TYPE crafty_first_audio_seconds histogram\n"));
        assertThat(scrape, containsString(open + "\"0.001\"} 2\n"));
        assertThat(scrape, containsString(open + "\"0.025\"} 2\n"));
        assertThat(scrape, containsString(open + "\"0.05\"} 3\n"));
        assertThat(scrape, containsString(open + "\"0.5\"} 4\n"));
        assertThat(scrape, containsString(open + "\"60.0\"} 4\n"));
        assertThat(scrape, containsString(open + "\"+Inf\"} 5\n"));
        assertThat(scrape, containsString("crafty_first_audio_seconds_count{route=\"/voice/chat\"} 5\n"));
        assertThat(scrape, containsString("crafty_first_audio_seconds_sum{route=\"/voice/chat\"} 90.491\n"));
        assertThat(scrape, containsString("crafty_first_audio_seconds_max{route=\"/voice/chat\"} 90.0\n"));
    }

    @Test
    void a_histogram_keeps_its_latest_hundred_values_for_the_median() {
        Metrics.Histogram histogram = new Metrics(false).histogram("h_seconds", "h");
        for (int ms = 1; ms <= 250; ms++) {
            histogram.record(Duration.ofMillis(ms));
        }
        double[] recent = histogram.recent();
        assertThat(recent.length, is(Metrics.RECENT));
        assertThat(recent[0], is(0.151));
        assertThat(recent[Metrics.RECENT - 1], is(0.25));
        assertThat(Metrics.median(recent), is((0.2 + 0.201) / 2));
        assertThat(Metrics.median(new double[] {3, 1, 2}), is(2.0));
        assertThat(Double.isNaN(Metrics.median(new double[0])), is(true));
    }

    @Test
    void one_name_is_one_kind_of_metric() {
        Metrics metrics = new Metrics(false);
        metrics.counter("crafty_x", "x").increment();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.gauge("crafty_x", "x"));
        assertThat(e.getMessage(), is("crafty_x is a counter, not a gauge"));
    }

    @Test
    void concurrent_updates_are_all_counted() throws Exception {
        Metrics metrics = new Metrics(false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String route = t % 2 == 0 ? "/chat" : "/voice/chat";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        metrics.counter("c_total", "c", "route", route).increment();
                        metrics.histogram("h_seconds", "h", "route", route).record(Duration.ofMillis(2));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String scrape = metrics.scrape();
        assertThat(scrape, containsString("c_total{route=\"/chat\"} 40000.0\n"));
        assertThat(scrape, containsString("c_total{route=\"/voice/chat\"} 40000.0\n"));
        assertThat(scrape, containsString("h_seconds_count{route=\"/chat\"} 40000\n"));
        assertThat(scrape, containsString("h_seconds_bucket{route=\"/voice/chat\",le=\"0.0025\"} 40000\n"));
    }

    @Test
    void the_jvm_figures_come_with_metrics_on_and_not_with_them_off() {
        String on = new Metrics(true).scrape();
        assertThat(on, containsString("# TYPE jvm_memory_used_bytes gauge\n"));
        assertThat(on, containsString("jvm_memory_used_bytes{area=\"heap\",id="));
        assertThat(on, containsString("jvm_memory_committed_bytes{area=\"nonheap\",id=\"Metaspace\"}"));
        assertThat(on, containsString("jvm_buffer_memory_used_bytes{id=\"direct\"}"));
        assertThat(on, containsString("\njvm_threads_live_threads "));
        assertThat(on, containsString("\njvm_threads_started_threads_total "));
        assertThat(new Metrics(false).scrape(), not(containsString("jvm_")));
    }

    @Test
    void the_status_summary_has_turns_connections_and_the_median_first_audio() {
        Telemetry telemetry = Telemetry.create(Config.just(ConfigSources.create(Map.of("metrics", "true"))));
        assertThat(telemetry.summary(), is(Map.of("turns", 0L, "connections", 0)));

        Telemetry.Connection chat = telemetry.opened("/voice/chat", null);
        long[] firstAudioMs = {300, 500, 400};
        for (long ms : firstAudioMs) {
            TurnTrace turn = chat.turn("speak", "r", "s");
            Metrics.Histogram histogram = telemetry.histogram("crafty_first_audio_seconds", "turn stage first_audio",
                                                              "route", "/voice/chat");
            histogram.record(Duration.ofMillis(ms));
            turn.finish("done");
        }
        Map<String, Object> summary = telemetry.summary();
        assertThat(summary.get("turns"), is(3L));
        assertThat(summary.get("connections"), is(1));
        assertThat(summary.get("firstAudioMedianMs"), is(400L));
        chat.closed(1000, "bye");
        assertThat(telemetry.summary().get("connections"), is(0));
    }
}
