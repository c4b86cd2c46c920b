package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The {@code /status} examples in docs/protocol/status/ are what a real sidecar reports, field
 * for field where the panel decides on them: German with only pocketsphinx ("Hören: nur
 * Englisch"), and an installed whisper model its engine cannot load ("Modell beschädigt").
 */
class StatusExamplesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path STATUS = Path.of("..", "docs", "protocol", "status");
    private static final List<String> STT_FIELDS = List.of("engine", "available", "location", "model", "modelPresent",
                                                           "detail/state", "detail/problem", "detail/understands");

    @TempDir
    Path dir;

    private static JsonNode status(TestCrafty.Running server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), "/status")).build(),
                                                   HttpResponse.BodyHandlers.ofString());
        return TestJson.MAPPER.readTree(response.body());
    }

    private static JsonNode example(String name) throws Exception {
        return TestJson.MAPPER.readTree(Files.readString(STATUS.resolve(name)));
    }

    /** The example's stt fields the panel reads are the live ones; location and model only where they are no paths of this machine. */
    private static void assertSttLike(JsonNode example, JsonNode live) {
        assertThat(live.path("language").asText(), is(example.path("language").asText()));
        assertThat(live.path("services").path("whisper"), is(example.path("services").path("whisper")));
        JsonNode want = example.path("engines").path("stt");
        JsonNode got = live.path("engines").path("stt");
        for (String field : STT_FIELDS) {
            if ((field.equals("location") || field.equals("model")) && !want.path("location").asText().equals("in-process")) {
                continue;
            }
            assertThat(field, got.at("/" + field), is(want.at("/" + field)));
        }
        assertThat(got.path("lastError").isTextual(), is(want.path("lastError").isTextual()));
    }

    @Test
    void german_with_only_pocketsphinx_is_the_wrong_language_example() throws Exception {
        TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", "http://127.0.0.1:9", "crafty.language", "de",
                                                            "models.dir", dir.toString()));
        try {
            assertSttLike(example("stt-wrong-language.json"), status(server));
        } finally {
            server.close();
        }
    }

    @Test
    void an_installed_model_whisper_cannot_load_is_the_damaged_model_example() throws Exception {
        Files.writeString(dir.resolve("ggml-base-q5_1.bin"), "not a model, a page of an error some proxy sent\n".repeat(100));
        TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", "http://127.0.0.1:9", "crafty.language", "de",
                                                            "models.dir", dir.toString(),
                                                            "speech.natives", dir.resolve("natives").toString()));
        try {
            JsonNode live = status(server);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (live.at("/engines/stt/detail/state").asText().equals("loading") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100); // polls the condition; the health cache answers within its ttl
                live = status(server);
            }
            assertSttLike(example("stt-model-damaged.json"), live);
            assertThat(live.at("/engines/stt/lastError").asText().contains("ggml-base-q5_1.bin"), is(true));
        } finally {
            server.close();
        }
    }
}
