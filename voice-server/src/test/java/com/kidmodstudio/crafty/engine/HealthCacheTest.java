package com.kidmodstudio.crafty.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

/**
 * A cached engine health: probed once per freshness window, never longer than the budget for a
 * caller, and probed ahead of time by {@link HealthCache#refresh()} without anyone waiting.
 */
class HealthCacheTest {
    private static final EngineStatus INITIAL = EngineStatus.unavailable("ollama", "http://127.0.0.1:11434", "not checked yet");

    private static EngineStatus up() {
        return new EngineStatus("ollama", true, "http://127.0.0.1:11434", "qwen2.5:3b", true, null, Instant.now(), Map.of());
    }

    /** A probe that answers "up" once {@code release} opens. */
    private static EngineStatus upAfter(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return up();
    }

    @Test
    void refresh_starts_the_probe_without_waiting_and_the_next_get_takes_its_answer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        HealthCache health = new HealthCache(() -> {
            probes.incrementAndGet();
            started.countDown();
            return upAfter(release);
        }, Duration.ofSeconds(2), Duration.ofSeconds(5), INITIAL);

        long before = System.nanoTime();
        health.refresh();
        assertThat(System.nanoTime() - before, lessThan(TimeUnit.MILLISECONDS.toNanos(200)));
        assertThat(started.await(5, TimeUnit.SECONDS), is(true));
        health.refresh();
        release.countDown();
        assertThat(health.get().available(), is(true));
        health.refresh();
        assertThat(health.get().available(), is(true));
        assertThat(probes.get(), is(1));
    }

    @Test
    void a_caller_waits_at_most_the_budget_and_then_gets_what_was_known() {
        CountDownLatch release = new CountDownLatch(1);
        HealthCache health = new HealthCache(() -> upAfter(release), Duration.ofSeconds(2), Duration.ofMillis(50), INITIAL);
        try {
            long before = System.nanoTime();
            EngineStatus status = health.get();
            assertThat(status, is(INITIAL));
            assertThat(System.nanoTime() - before, lessThan(TimeUnit.SECONDS.toNanos(2)));
        } finally {
            release.countDown();
        }
    }

    @Test
    void if_fresh_gives_a_fresh_answer_without_probing_and_nothing_once_it_is_stale() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        HealthCache health = new HealthCache(() -> {
            probes.incrementAndGet();
            return up();
        }, Duration.ofMillis(300), Duration.ofSeconds(5), INITIAL);
        assertThat("nothing known yet", health.ifFresh(), is(nullValue()));
        assertThat(probes.get(), is(0));
        EngineStatus probed = health.get();
        assertThat(health.ifFresh(), is(sameInstance(probed)));
        assertThat(probes.get(), is(1));
        Thread.sleep(400);
        assertThat("older than the ttl", health.ifFresh(), is(nullValue()));
        assertThat(probes.get(), is(1));
    }

    @Test
    void a_stale_result_is_probed_again() {
        AtomicInteger probes = new AtomicInteger();
        HealthCache health = new HealthCache(() -> {
            probes.incrementAndGet();
            return up();
        }, Duration.ZERO, Duration.ofSeconds(5), INITIAL);
        health.get();
        health.refresh();
        health.get();
        assertThat(probes.get() >= 2, is(true));
    }
}
