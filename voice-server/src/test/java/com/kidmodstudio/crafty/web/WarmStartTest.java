package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeOpenAi;
import com.kidmodstudio.crafty.fakes.FakeRequest;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Never cold: at start-up the model is preloaded (Ollama: {@code /api/generate} with an empty
 * prompt and the keep-alive; OpenAI-compatible: a one-token request), and a {@code /status} asked
 * while the model is still loading reports it as loading, not as unavailable.
 */
class WarmStartTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode llmStatus(TestCrafty.Running server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), "/status")).build(),
                                                   HttpResponse.BodyHandlers.ofString());
        return TestJson.MAPPER.readTree(response.body()).path("engines").path("llm");
    }

    private static List<FakeRequest> to(List<FakeRequest> requests, String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void ollama_receives_an_empty_preload_with_the_keep_alive_and_status_says_loading_meanwhile() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().start().loadDelay(Duration.ofSeconds(3))) {
            try (TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "ollama.keepalive", "45m"))) {
                server.crafty().warmer().start();
                assertThat(ollama.awaitRequests(1, Duration.ofSeconds(5)), is(true));

                JsonNode llm = llmStatus(server);
                assertThat("a model that is loading is not red: " + llm, llm.path("available").asBoolean(), is(true));
                assertThat(llm.path("detail").path("warm").asText(), is("loading"));

                FakeRequest preload = to(ollama.requests(), "/api/generate").getFirst();
                JsonNode body = TestJson.MAPPER.readTree(preload.body());
                assertThat(preload.method(), is("POST"));
                assertThat(body.path("model").asText(), is("llama3.2:latest"));
                assertThat(body.path("prompt").asText(), is(""));
                assertThat(body.path("keep_alive").asText(), is("45m"));
                assertThat(body.path("stream").asBoolean(), is(false));
            }
        }
    }

    @Test
    void a_missing_model_is_red_even_while_a_preload_is_tried() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().models("mistral:latest").start()) {
            try (TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url()))) {
                server.crafty().warmer().start();
                JsonNode llm = llmStatus(server);
                assertThat(llm.path("available").asBoolean(), is(false));
                assertThat(llm.path("modelPresent").asBoolean(), is(false));
            }
        }
    }

    @Test
    void an_openai_compatible_server_receives_a_one_token_request() throws Exception {
        try (FakeOpenAi server = FakeOpenAi.builder().models("qwen2.5-3b").tokens("Hi").start()) {
            try (TestCrafty.Running crafty = TestCrafty.start(Map.of("llm.provider", "openai", "llm.url", server.url(),
                                                                     "llm.model", "qwen2.5-3b"))) {
                crafty.crafty().warmer().start();
                assertThat(server.awaitRequests(1, Duration.ofSeconds(5)), is(true));
                FakeRequest preload = to(server.requests(), "/v1/chat/completions").getFirst();
                JsonNode body = TestJson.MAPPER.readTree(preload.body());
                assertThat(body.path("max_tokens").asInt(), is(1));
                assertThat(body.path("model").asText(), is("qwen2.5-3b"));
                assertThat(body.path("stream").asBoolean(), is(false));
            }
        }
    }
}
