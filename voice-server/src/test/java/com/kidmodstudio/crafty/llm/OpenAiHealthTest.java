package com.kidmodstudio.crafty.llm;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeOpenAi;
import com.kidmodstudio.crafty.fakes.FakeScript;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OpenAiHealthTest extends HealthContract<FakeOpenAi> {

    @Override
    FakeScript.Builder<FakeOpenAi> fake() {
        return FakeOpenAi.builder();
    }

    @Override
    ChatModel model(String url, String model) {
        return new OpenAiChatModel(URI.create(url), model, "", LlmTimeouts.DEFAULTS);
    }

    @Override
    String engine() {
        return "openai";
    }

    @Test
    void probe_asks_v1_models_and_says_whether_a_key_is_set() {
        try (FakeOpenAi fake = FakeOpenAi.builder().start()) {
            assertEquals(Map.of("provider", "openai", "apiKey", "none"), model(fake.url(), "llama3.2:latest").probe().detail());
            assertEquals("/v1/models", fake.requests().getFirst().path());
        }
    }

    @Test
    void an_empty_model_with_several_served_asks_to_choose_one() {
        try (FakeOpenAi fake = FakeOpenAi.builder().models("qwen2.5-3b", "llama-3.2-3b").start()) {
            EngineStatus status = model(fake.url(), "").probe();
            assertFalse(status.available());
            assertEquals(Boolean.FALSE, status.modelPresent());
            assertThat(status.lastError(), containsString("set llm.model (LLM_MODEL) to one of: qwen2.5-3b, llama-3.2-3b"));
        }
    }
}
