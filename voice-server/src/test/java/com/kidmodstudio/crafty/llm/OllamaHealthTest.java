package com.kidmodstudio.crafty.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeOllama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaHealthTest {

    private static OllamaChatModel model(String url, String model) {
        return new OllamaChatModel(URI.create(url), model, "30m", LlmTimeouts.DEFAULTS);
    }

    @Test
    void probe_reports_the_configured_model_present() {
        try (FakeOllama ollama = FakeOllama.builder().models("mistral:7b", "llama3.2:latest").start()) {
            EngineStatus status = model(ollama.url(), "llama3.2:latest").probe();
            assertEquals("ollama", status.engine());
            assertTrue(status.available());
            assertEquals(ollama.url(), status.location());
            assertEquals("llama3.2:latest", status.model());
            assertEquals(Boolean.TRUE, status.modelPresent());
            assertNull(status.lastError());
            assertEquals(Map.of("provider", "ollama", "keepalive", "30m"), status.detail());
            assertEquals("/api/tags", ollama.requests().getFirst().path());
        }
    }

    @Test
    void probe_reports_a_missing_model() {
        try (FakeOllama ollama = FakeOllama.builder().models("mistral:7b").start()) {
            EngineStatus status = model(ollama.url(), "llama3.2").probe();
            assertFalse(status.available());
            assertEquals(Boolean.FALSE, status.modelPresent());
            assertThat(status.lastError(), containsString("ollama pull llama3.2"));
        }
    }

    @Test
    void probe_of_an_unreachable_server_is_unavailable_within_budget() {
        long start = System.nanoTime();
        EngineStatus status = model("http://127.0.0.1:" + Ports.closed(), "llama3.2").probe();
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(300L));
        assertFalse(status.available());
        assertNull(status.modelPresent());
        assertThat(status.lastError(), containsString("connection refused"));
    }

    @Test
    void probe_of_a_hung_server_gives_up_within_the_health_timeout() {
        try (FakeOllama ollama = FakeOllama.builder().hang().start()) {
            long start = System.nanoTime();
            EngineStatus status = model(ollama.url(), "llama3.2").probe();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 290 && tookMs < 800, "probe took " + tookMs + " ms");
            assertFalse(status.available());
            assertThat(status.lastError(), containsString("no answer within 300 ms"));
        }
    }

    @Test
    void probe_reports_the_last_failed_stream() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().errorAfter(2, "CUDA error: out of memory").start()) {
            OllamaChatModel model = model(ollama.url(), "llama3.2");
            assertThat(StreamRun.start(model, "Hallo").failure(), instanceOf(LlmException.class));
            EngineStatus status = model.probe();
            assertTrue(status.available(), "the server and the model are there");
            assertThat(status.lastError(), containsString("llm_error"));
            assertThat(status.lastError(), containsString("CUDA error: out of memory"));
        }
    }

    @Test
    void unprobed_is_unavailable_and_not_checked_yet() {
        EngineStatus status = new OllamaChatModel(URI.create("http://127.0.0.1:11434"), "llama3.2:latest", "",
                                                  LlmTimeouts.DEFAULTS).unprobed();
        assertEquals("ollama", status.engine());
        assertFalse(status.available());
        assertEquals("http://127.0.0.1:11434", status.location());
        assertEquals("llama3.2:latest", status.model());
        assertNull(status.modelPresent());
        assertEquals("not checked yet", status.lastError());
    }

    @Test
    void a_model_name_without_tag_means_latest() {
        assertEquals("llama3.2:latest", OllamaChatModel.withTag("llama3.2"));
        assertEquals("llama3.2:3b", OllamaChatModel.withTag("llama3.2:3b"));
        assertEquals("registry.local:5000/crafty:latest", OllamaChatModel.withTag("registry.local:5000/crafty"));
        assertEquals("hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M",
                     OllamaChatModel.withTag("hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M"));
    }

    @Test
    void keep_alive_accepts_what_ollama_accepts() {
        assertEquals("5m", OllamaChatModel.keepAliveJson("5m"));
        assertEquals("1h30m", OllamaChatModel.keepAliveJson("1h30m"));
        assertEquals("-1m", OllamaChatModel.keepAliveJson("-1m"));
        assertEquals(-1L, OllamaChatModel.keepAliveJson("-1"));
        assertEquals(0L, OllamaChatModel.keepAliveJson("0"));
        assertEquals(300L, OllamaChatModel.keepAliveJson("300"));
        assertEquals(1.5, OllamaChatModel.keepAliveJson("1.5"));
        assertNull(OllamaChatModel.keepAliveJson(""));
        for (String bad : new String[] {"5 minutes", "forever", "5d", "m5", "PT5M"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OllamaChatModel.keepAliveJson(bad));
            assertThat(e.getMessage(), containsString(bad));
        }
    }
}
