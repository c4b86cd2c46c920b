package com.kidmodstudio.crafty.llm;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeHttpServer;
import com.kidmodstudio.crafty.fakes.FakeScript;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ChatModel}'s health probe must report, against a fake of its server.
 *
 * @param <F> the fake server
 */
abstract class HealthContract<F extends FakeHttpServer> {

    /** @return a builder of this provider's fake */
    abstract FakeScript.Builder<F> fake();

    /** @return this provider's client for the server at {@code url} */
    abstract ChatModel model(String url, String model);

    /** @return the engine name in its status */
    abstract String engine();

    @Test
    void probe_reports_the_configured_model_present() {
        try (F fake = fake().models("mistral:7b", "llama3.2:latest").start()) {
            EngineStatus status = model(fake.url(), "llama3.2:latest").probe();
            assertEquals(engine(), status.engine());
            assertTrue(status.available());
            assertEquals(fake.url(), status.location());
            assertEquals("llama3.2:latest", status.model());
            assertEquals(Boolean.TRUE, status.modelPresent());
            assertNull(status.lastError());
        }
    }

    @Test
    void probe_reports_a_missing_model() {
        try (F fake = fake().models("mistral:7b").start()) {
            EngineStatus status = model(fake.url(), "llama3.2:latest").probe();
            assertFalse(status.available());
            assertEquals(Boolean.FALSE, status.modelPresent());
            assertThat(status.lastError(), containsString("llama3.2:latest"));
        }
    }

    @Test
    void probe_of_an_unreachable_server_is_unavailable_within_budget() {
        ChatModel model = model("http://127.0.0.1:" + Ports.closed(), "llama3.2");
        long start = System.nanoTime();
        EngineStatus status = model.probe();
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(300L));
        assertFalse(status.available());
        assertNull(status.modelPresent());
        assertThat(status.lastError(), containsString("connection refused"));
    }

    @Test
    void probe_of_a_hung_server_gives_up_within_the_health_timeout() {
        try (F fake = fake().hang().start()) {
            ChatModel model = model(fake.url(), "llama3.2");
            long start = System.nanoTime();
            EngineStatus status = model.probe();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 290 && tookMs < 800, "probe took " + tookMs + " ms");
            assertFalse(status.available());
            assertThat(status.lastError(), containsString("no answer within 300 ms"));
        }
    }

    @Test
    void probe_reports_the_last_failed_stream() throws Exception {
        try (F fake = fake().errorAfter(2, "CUDA error: out of memory").start()) {
            ChatModel model = model(fake.url(), FakeScript.DEFAULT_MODEL);
            assertThat(StreamRun.start(model, "Hallo").failure(), instanceOf(EngineException.class));
            EngineStatus status = model.probe();
            assertTrue(status.available(), "the server and the model are there");
            assertThat(status.lastError(), containsString("llm_error"));
            assertThat(status.lastError(), containsString("CUDA error: out of memory"));
        }
    }

    @Test
    void unprobed_is_unavailable_and_not_checked_yet() {
        EngineStatus status = model("http://127.0.0.1:11434", "llama3.2:latest").unprobed();
        assertEquals(engine(), status.engine());
        assertFalse(status.available());
        assertEquals("http://127.0.0.1:11434", status.location());
        assertEquals("llama3.2:latest", status.model());
        assertNull(status.modelPresent());
        assertEquals("not checked yet", status.lastError());
    }
}
