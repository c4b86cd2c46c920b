package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.fakes.FakeExchange;
import com.kidmodstudio.crafty.fakes.FakeHttpServer;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeScript;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaChatModelTest extends ChatModelContract<FakeOllama> {

    @Override
    FakeScript.Builder<FakeOllama> fake() {
        return FakeOllama.builder();
    }

    @Override
    ChatModel model(String url, String model, LlmTimeouts timeouts) {
        return new OllamaChatModel(URI.create(url), model, "30m", timeouts);
    }

    @Test
    void posts_api_chat_with_keep_alive() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Ja.").start()) {
            assertEquals("Ja.", StreamRun.start(model(ollama), "Hallo").reply());
            assertEquals("POST", ollama.requests().getFirst().method());
            assertEquals("/api/chat", ollama.requests().getFirst().path());
            assertEquals("30m", JSON.readTree(ollama.requests().getFirst().body()).path("keep_alive").asText());
        }
    }

    @Test
    void keep_alive_in_seconds_is_sent_as_a_number() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Ja.").start()) {
            OllamaChatModel forever = new OllamaChatModel(URI.create(ollama.url()), "llama3.2", "-1", LlmTimeouts.DEFAULTS);
            assertEquals("Ja.", StreamRun.start(forever, "Bleib wach").reply());
            JsonNode keepAlive = JSON.readTree(ollama.requests().getFirst().body()).path("keep_alive");
            assertTrue(keepAlive.isIntegralNumber(), "keep_alive must be a JSON number, was " + keepAlive);
            assertEquals(-1, keepAlive.asInt());
        }
    }

    @Test
    void empty_keep_alive_leaves_ollama_its_default() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Ja.").start()) {
            OllamaChatModel model = new OllamaChatModel(URI.create(ollama.url()), "llama3.2", "", LlmTimeouts.DEFAULTS);
            assertEquals("Ja.", StreamRun.start(model, "Hallo").reply());
            assertTrue(JSON.readTree(ollama.requests().getFirst().body()).path("keep_alive").isMissingNode());
        }
    }

    @Test
    void missing_model_says_how_to_install_it() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().models("llama3.2:latest").start()) {
            EngineException e = llmFailure(StreamRun.start(model(ollama.url(), "mistral:7b", LlmTimeouts.DEFAULTS), "Hallo"));
            assertThat(e.getMessage(), containsString("ollama pull mistral:7b"));
            assertThat(e.getMessage(), containsString("not found, try pulling it first"));
        }
    }

    @Test
    void model_without_tag_means_latest() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().models("llama3.2:latest").tokens("Ja").start()) {
            assertEquals("Ja", StreamRun.start(model(ollama.url(), "llama3.2", LlmTimeouts.DEFAULTS), "Hallo").reply());
        }
    }

    @Test
    void a_404_page_without_an_ollama_error_is_an_error_not_a_missing_model() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().start()) {
            EngineException e = llmFailure(StreamRun.start(model(ollama.url() + "/v2", "llama3.2", LlmTimeouts.DEFAULTS), "Hallo"));
            assertEquals(ErrorCode.LLM_ERROR, e.code());
            assertThat(e.getMessage(), containsString("404 page not found"));
        }
    }

    @Test
    void thinking_keeps_a_reasoning_model_alive_but_is_not_spoken() throws Exception {
        String thinking = "{\"model\":\"qwen3\",\"created_at\":\"2025-06-01T10:00:00Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Hmm, \"},\"done\":false}\n";
        try (FakeHttpServer reasoning = new FakeHttpServer(0) {
            @Override
            protected void handle(FakeExchange exchange) throws IOException {
                exchange.startChunked(200, "application/x-ndjson");
                for (int i = 0; i < 6; i++) {
                    exchange.pause(Duration.ofMillis(100));
                    exchange.chunk(thinking);
                }
                exchange.chunk(thinking.replace("\"content\":\"\",\"thinking\":\"Hmm, \"", "\"content\":\"Ja\""));
                exchange.finish("{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                                + "\"done_reason\":\"stop\",\"done\":true}\n");
            }
        }.listen()) {
            // 600 ms of thinking, twice the first-token timeout: each thought counts as a token
            StreamRun run = StreamRun.start(model(reasoning.url(), "qwen3", QUICK), "Ja oder nein?");
            assertEquals("Ja", run.reply());
            assertEquals(List.of("Ja"), run.deltas());
        }
    }

    @Test
    void a_stream_that_ends_before_done_is_a_lost_connection() throws Exception {
        try (FakeHttpServer cut = new FakeHttpServer(0) {
            @Override
            protected void handle(FakeExchange exchange) throws IOException {
                exchange.startChunked(200, "application/x-ndjson");
                exchange.finish("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hal\"},\"done\":false}\n");
            }
        }.listen()) {
            StreamRun run = StreamRun.start(model(cut.url(), "llama3.2", LlmTimeouts.DEFAULTS), "Hallo");
            EngineException e = llmFailure(run);
            assertEquals(ErrorCode.LLM_UNREACHABLE, e.code());
            assertThat(e.getMessage(), containsString("connection lost mid-reply"));
            assertEquals(List.of("Hal"), run.deltas());
        }
    }

    @Test
    void tags_a_model_name_like_ollama() {
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
