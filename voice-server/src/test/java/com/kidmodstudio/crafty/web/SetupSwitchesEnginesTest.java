package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeModelServer;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A recogniser a parent installs from the setup card is taken by the speech engines at once,
 * without a restart, and deleting it gives the recogniser back: {@code /status} says which
 * engine listens before, after the install, and after the delete.
 */
class SetupSwitchesEnginesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Not a whisper model whisper.cpp could load: the in-process engine must say so, typed. */
    private static final byte[] MODEL = "not a ggml model, only bytes a parent downloaded".repeat(2000).getBytes();

    @TempDir
    Path dir;
    private FakeModelServer files;
    private TestCrafty.Running server;

    @BeforeEach
    void start() throws Exception {
        files = new FakeModelServer().file("ggml-tiny.bin", MODEL);
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(MODEL));
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, """
                {"version":1,"models":[{"id":"tiny-stt","role":"stt","languages":["de","en"],
                 "name":{"de":"Kleine Erkennung","en":"Tiny recogniser"},"default":true,
                 "files":[{"name":"ggml-tiny.bin","size":%d,"url":"https://example.invalid/ggml-tiny.bin",
                 "digest":"sha1:%s"}]}]}
                """.formatted(MODEL.length, sha1));
        server = TestCrafty.start(Map.of("ollama.url", "http://127.0.0.1:9", "models.catalog", catalog.toString(),
                                         "models.dir", dir.resolve("models").toString(), "models.base-url", files.url(),
                                         "models.retry", "0s", "status.ttl", "50ms", "crafty.language", "de",
                                         "speech.natives", dir.resolve("natives").toString()));
    }

    @AfterEach
    void stop() {
        server.close();
        files.close();
    }

    private JsonNode stt() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), "/status")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        return TestJson.MAPPER.readTree(response.body()).path("engines").path("stt");
    }

    /** Polls {@code /status} until the recogniser is no longer {@code engine}, for at most 20 s. */
    private JsonNode sttOtherThan(String engine) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode stt = stt();
        while (stt.path("engine").asText().equals(engine) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stt = stt();
        }
        return stt;
    }

    @Test
    void installing_and_deleting_a_recogniser_switches_the_engine_without_a_restart() throws Exception {
        String before = stt().path("engine").asText();
        try (WsClient setup = WsClient.connect(TestServer.ws(server.port(), "/setup"))) {
            setup.await("setup:state");
            setup.send("{\"action\":\"model:install\",\"modelId\":\"tiny-stt\",\"requestId\":\"i-1\"}");
            setup.await("model:installed");

            JsonNode after = sttOtherThan(before);
            assertThat("the installed model is taken at once", after.path("engine").asText(), is(not(before)));
            assertThat(after.path("available").asBoolean(), is(false));
            assertThat(after.toString(), containsString("ggml-tiny.bin"));

            setup.send("{\"action\":\"model:delete\",\"modelId\":\"tiny-stt\",\"requestId\":\"d-1\"}");
            setup.await("model:deleted");
            JsonNode back = sttOtherThan(after.path("engine").asText());
            assertThat("deleting it gives the recogniser back", back.path("engine").asText(), is(before));
        }
    }
}
