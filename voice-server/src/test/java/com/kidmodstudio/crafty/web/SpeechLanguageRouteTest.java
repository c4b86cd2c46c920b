package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.turn.Texts;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Crafty set to German with only pocketsphinx, which understands English: {@code /status} never
 * calls it ready and says what it understands, and a spoken question gets
 * {@code stt_wrong_language} asking the child to type, instead of an English guess.
 */
class SpeechLanguageRouteTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestCrafty.Running server;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("crafty-language-test");
        server = TestCrafty.start(Map.of("stt.engine", "pocketsphinx", "tts.engine", "espeak", "crafty.language", "de",
                                         "speech.tmpdir", tmp.toString(), "ollama.url", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(tmp);
    }

    @Test
    void status_says_the_recogniser_understands_english_only_and_is_not_ready_for_german() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), "/status")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        JsonNode body = TestJson.MAPPER.readTree(response.body());
        JsonNode stt = body.path("engines").path("stt");
        assertThat(stt.path("engine").asText(), is("pocketsphinx"));
        assertThat(stt.path("available").asBoolean(), is(false));
        assertThat(stt.path("detail").path("understands").asText(), is("en"));
        assertThat(stt.path("lastError").asText(), containsString("Crafty is set to 'de'"));
        assertThat(body.path("services").path("whisper").asBoolean(), is(false));
        JsonNode tts = body.path("engines").path("tts");
        assertThat(tts.path("engine").asText(), is("espeak-ng"));
        assertThat(tts.path("detail").path("speaks").asText(), is("de"));
        assertThat(tts.path("available").asBoolean(), is(true));
    }

    @Test
    void a_spoken_question_is_never_guessed_in_english_and_the_child_is_asked_to_type() throws Exception {
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/voice/stt"))) {
            for (String id : new String[] {"s1", "s2"}) {
                client.sendBinary(Speech.wavFile(Speech.FRONT_CENTER));
                client.await("ack");
                client.send("{\"action\":\"transcribe\",\"requestId\":\"" + id + "\"}");
                JsonNode error = client.await("error");
                assertThat(error.path("code").asText(), is("stt_wrong_language"));
                assertThat(error.path("requestId").asText(), is(id));
                assertThat(error.path("content").asText(),
                           is(new Texts("de", "llama3.2:latest").explain(ErrorCode.STT_WRONG_LANGUAGE)));
                assertThat(error.path("content").asText(), containsString("Schreib mir"));
            }
        }
    }
}
