package com.kidmodstudio.crafty.llm;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeOpenAi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatModelsTest {

    private static ChatModel create(Map<String, String> values) {
        return ChatModels.create(Config.just(ConfigSources.create(values)));
    }

    private static ConfigProblem problem(Map<String, String> values) {
        return assertThrows(ConfigProblem.class, () -> create(values));
    }

    @Test
    void the_documented_defaults_of_application_properties_build_an_ollama_model() {
        ChatModel model = ChatModels.create(Config.just(ConfigSources.classpath("application.properties")));
        EngineStatus status = model.unprobed();
        assertThat(model, instanceOf(OllamaChatModel.class));
        assertEquals("ollama", status.engine());
        assertEquals("http://127.0.0.1:11434", status.location());
        assertEquals("llama3.2:latest", status.model());
        assertEquals("30m", status.detail().get("keepalive"));
    }

    @Test
    void an_empty_configuration_means_the_same_defaults() {
        EngineStatus status = create(Map.of()).unprobed();
        assertEquals("ollama", status.engine());
        assertEquals("http://127.0.0.1:11434", status.location());
        assertEquals("llama3.2:latest", status.model());
        assertEquals("30m", status.detail().get("keepalive"));
    }

    @Test
    void llm_url_and_model_win_over_the_ollama_ones() {
        EngineStatus status = create(Map.of("llm.url", "http://10.0.0.5:11434/", "llm.model", "qwen2.5:3b",
                                            "ollama.url", "http://127.0.0.1:1", "ollama.model", "llama3.2")).unprobed();
        assertEquals("http://10.0.0.5:11434", status.location());
        assertEquals("qwen2.5:3b", status.model());
    }

    @Test
    void openai_defaults_to_port_8080_and_the_servers_own_model() {
        ChatModel model = create(Map.of("llm.provider", "openai"));
        assertThat(model, instanceOf(OpenAiChatModel.class));
        assertEquals("http://127.0.0.1:8080", model.unprobed().location());
        assertEquals("", model.unprobed().model());
        assertEquals("openai", model.unprobed().engine());
    }

    @Test
    void unknown_provider_names_llm_provider() {
        ConfigProblem problem = problem(Map.of("llm.provider", "gemini"));
        assertEquals("llm.provider", problem.key());
        assertThat(problem.getMessage(), containsString("LLM_PROVIDER"));
        assertThat(problem.getMessage(), containsString("ollama, openai"));
    }

    @Test
    void malformed_url_names_the_key_actually_used() {
        assertEquals("llm.url", problem(Map.of("llm.url", "localhost:11434")).key());
        assertEquals("ollama.url", problem(Map.of("ollama.url", "ftp://127.0.0.1:11434")).key());
        assertEquals("llm.url", problem(Map.of("llm.provider", "openai", "llm.url", "127.0.0.1:8080")).key());
    }

    @Test
    void a_keepalive_ollama_would_reject_names_ollama_keepalive() {
        ConfigProblem problem = problem(Map.of("ollama.keepalive", "5 minutes"));
        assertEquals("ollama.keepalive", problem.key());
        assertThat(problem.getMessage(), containsString("OLLAMA_KEEPALIVE"));
    }

    @Test
    void bad_timeouts_name_their_key() {
        assertEquals("llm.first", problem(Map.of("llm.first", "soon")).key());
        assertEquals("llm.idle", problem(Map.of("llm.idle", "0s")).key());
        assertEquals("llm.connect", problem(Map.of("llm.connect", "-2s")).key());
    }

    @Test
    void an_ollama_model_cannot_be_empty() {
        assertEquals("ollama.model", problem(Map.of("ollama.model", "")).key());
    }

    @Test
    void the_built_ollama_model_chats_with_the_configured_server() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Ja", "!").start()) {
            ChatModel model = create(Map.of("ollama.url", ollama.url(), "ollama.keepalive", "-1", "llm.first", "5s"));
            assertEquals("Ja!", StreamRun.start(model, "Hallo").reply());
            assertEquals("/api/chat", ollama.requests().getFirst().path());
        }
    }

    @Test
    void the_built_openai_model_chats_with_the_configured_server_and_key() throws Exception {
        try (FakeOpenAi server = FakeOpenAi.builder().apiKey("sk-local").models("qwen").tokens("Ja", "!").start()) {
            ChatModel model = create(Map.of("llm.provider", "openai", "llm.url", server.url() + "/v1",
                                            "llm.model", "qwen", "llm.api.key", "sk-local"));
            assertEquals("Ja!", StreamRun.start(model, "Hallo").reply());
            assertEquals("Bearer sk-local", server.requests().getFirst().header("Authorization"));
        }
    }
}
