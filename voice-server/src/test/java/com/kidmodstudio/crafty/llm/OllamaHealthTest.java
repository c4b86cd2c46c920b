package com.kidmodstudio.crafty.llm;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeScript;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OllamaHealthTest extends HealthContract<FakeOllama> {

    @Override
    FakeScript.Builder<FakeOllama> fake() {
        return FakeOllama.builder();
    }

    @Override
    ChatModel model(String url, String model) {
        return new OllamaChatModel(URI.create(url), model, "30m", LlmTimeouts.DEFAULTS);
    }

    @Override
    String engine() {
        return "ollama";
    }

    @Test
    void probe_asks_api_tags_and_reports_keep_alive() {
        try (FakeOllama ollama = FakeOllama.builder().start()) {
            assertEquals(Map.of("provider", "ollama", "keepalive", "30m"), model(ollama.url(), "llama3.2").probe().detail());
            assertEquals("/api/tags", ollama.requests().getFirst().path());
        }
    }

    @Test
    void probe_finds_an_untagged_model_as_latest() {
        try (FakeOllama ollama = FakeOllama.builder().models("llama3.2:latest").start()) {
            assertEquals(Boolean.TRUE, model(ollama.url(), "llama3.2").probe().modelPresent());
        }
    }
}
