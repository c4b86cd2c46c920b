package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.helidon.webserver.WebServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * {@code GET /status} measures the engines live and never hangs on a dead one.
 */
class StatusServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode status(TestCrafty.Running server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), "/status")).build(),
                                                   HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), is("application/json"));
        return TestJson.MAPPER.readTree(response.body());
    }

    @Test
    void reports_a_running_ollama_with_its_model() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().start()) {
            TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url()));
            try {
                JsonNode body = status(server);
                assertThat(body.path("status").asText(), is("ok"));
                assertThat(body.path("version").asText(), is(not("")));
                assertThat(body.path("language").asText(), is("de"));
                assertThat(body.path("services").path("ollama").asBoolean(), is(true));
                JsonNode llm = body.path("engines").path("llm");
                assertThat(llm.path("engine").asText(), is("ollama"));
                assertThat(llm.path("model").asText(), is("llama3.2:latest"));
                assertThat(llm.path("modelPresent").asBoolean(), is(true));
                assertThat(llm.path("location").asText(), is(ollama.url()));
                assertThat(body.path("uptimeMs").isIntegralNumber(), is(true));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void reports_a_missing_model() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().models("mistral:latest").start()) {
            TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url()));
            try {
                JsonNode llm = status(server).path("engines").path("llm");
                assertThat(llm.path("available").asBoolean(), is(false));
                assertThat(llm.path("modelPresent").asBoolean(), is(false));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void a_hanging_ollama_does_not_hold_the_answer_up() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().hang().start()) {
            TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url()));
            try {
                long start = System.nanoTime();
                JsonNode body = status(server);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(millis, lessThan(600L));
                assertThat(body.path("services").path("ollama").asBoolean(), is(false));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void health_is_live_not_frozen_at_startup() throws Exception {
        FakeOllama ollama = FakeOllama.builder().start();
        TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "status.ttl", "100ms"));
        try {
            assertThat(status(server).path("services").path("ollama").asBoolean(), is(true));
            ollama.close();
            boolean down = false;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!down && System.nanoTime() < deadline) {
                down = !status(server).path("services").path("ollama").asBoolean();
            }
            assertThat("status notices that Ollama went away", down, is(true));
        } finally {
            server.close();
        }
    }
}
