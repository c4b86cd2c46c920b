package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeModelServer;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code /setup} over a real socket: the catalog with its state on connect, an install from a
 * download server of the test's own with progress for every panel, typed errors, the access
 * rules of every route, and chat going on while a download runs.
 */
class SetupRouteTest {
    private static final byte[] MODEL = new byte[400_000];

    static {
        new Random(7).nextBytes(MODEL);
    }

    @TempDir
    Path dir;
    private FakeModelServer files;
    private TestCrafty.Running server;

    @BeforeEach
    void start() throws Exception {
        files = new FakeModelServer().file("tiny.bin", MODEL).file("ggml-broken.bin", MODEL);
        String sha1 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(MODEL));
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, """
                {"version":1,"models":[{"id":"tiny-stt","role":"stt","languages":["de","en"],
                 "name":{"de":"Kleine Erkennung","en":"Tiny recogniser"},"default":true,
                 "files":[{"name":"tiny.bin","size":%d,"url":"https://example.invalid/tiny.bin","digest":"sha1:%s"}]},
                 {"id":"gone-tts","role":"tts","languages":["de"],"name":{"de":"Weg","en":"Gone"},
                 "files":[{"name":"gone.onnx","size":10,"url":"https://example.invalid/gone.onnx","digest":"md5:%s"}]},
                 {"id":"broken-stt","role":"stt","languages":["de","en"],"name":{"de":"Kaputt","en":"Broken"},
                 "files":[{"name":"ggml-broken.bin","size":%d,"url":"https://example.invalid/ggml-broken.bin","digest":"sha1:%s"}]}]}
                """.formatted(MODEL.length, sha1, "0".repeat(32), MODEL.length, sha1));
        server = TestCrafty.start(Map.of("ollama.url", "http://127.0.0.1:9", "models.catalog", catalog.toString(),
                                         "models.dir", dir.resolve("models").toString(), "models.base-url", files.url(),
                                         "models.retry", "0s", "speech.natives", dir.resolve("natives").toString()));
    }

    @AfterEach
    void stop() {
        server.close();
        files.close();
    }

    private WsClient setup() {
        return WsClient.connect(TestServer.ws(server.port(), "/setup"));
    }

    @Test
    void installs_a_model_with_progress_for_every_panel() throws Exception {
        files.slow(50_000, 5);
        try (WsClient asking = setup(); WsClient watching = setup()) {
            JsonNode state = asking.await("setup:state");
            assertThat(state.path("models").get(0).path("state").asText(), is("missing"));
            assertThat(state.path("models").get(0).path("default").asBoolean(), is(true));
            watching.await("setup:state");

            asking.send("{\"action\":\"model:install\",\"modelId\":\"tiny-stt\",\"requestId\":\"p-1\"}");
            JsonNode installed = asking.await("model:installed");
            assertThat(installed.path("requestId").asText(), is("p-1"));
            JsonNode progress = watching.await("model:progress");
            assertThat(progress.path("total").asLong(), is((long) MODEL.length));
            List<WsClient.Frame> rest = watching.until(m -> m.path("type").asText().equals("setup:state"));
            assertThat(rest.getLast().json().path("models").get(0).path("state").asText(), is("installed"));
            assertThat(Files.readAllBytes(dir.resolve("models").resolve("tiny.bin")), is(MODEL));
        }
    }

    private static JsonNode model(JsonNode state, String id) {
        for (JsonNode model : state.path("models")) {
            if (model.path("id").asText().equals(id)) {
                return model;
            }
        }
        throw new AssertionError("no " + id + " in " + state);
    }

    private static boolean loaded(JsonNode frame, String id, String load) {
        return frame.path("type").asText().equals("setup:state") && model(frame, id).path("load").asText().equals(load);
    }

    @Test
    void a_model_its_engine_cannot_load_is_failed_not_ready_and_again_downloads_it_anew() throws Exception {
        try (WsClient client = setup()) {
            client.await("setup:state");
            client.send("{\"action\":\"model:install\",\"modelId\":\"broken-stt\",\"requestId\":\"p-6\"}");
            List<WsClient.Frame> frames = client.until(m -> loaded(m, "broken-stt", "failed"));
            for (WsClient.Frame frame : frames) {
                if (frame.json().path("type").asText().equals("setup:state")) {
                    assertThat(model(frame.json(), "broken-stt").path("load").asText(), is(not("ready")));
                }
            }
            JsonNode failed = model(frames.getLast().json(), "broken-stt");
            assertThat(failed.path("state").asText(), is("installed"));
            assertThat(failed.path("loadError").asText(), containsString("ggml-broken.bin"));
            assertThat(model(frames.getLast().json(), "tiny-stt").has("load"), is(false));
            assertThat(server.crafty().stt().status().detail().get("problem"), is("model_damaged"));

            int downloads = files.requests().size();
            client.send("{\"action\":\"model:install\",\"modelId\":\"broken-stt\",\"again\":true,\"requestId\":\"p-7\"}");
            assertThat(client.await("model:installed").path("requestId").asText(), is("p-7"));
            assertThat(files.requests().size(), is(downloads + 1));
            client.until(m -> loaded(m, "broken-stt", "failed"));
            client.send("{\"action\":\"model:install\",\"modelId\":\"broken-stt\",\"again\":\"yes\",\"requestId\":\"p-8\"}");
            assertThat(client.await("error").path("code").asText(), is("bad_payload"));
        }
    }

    @Test
    void a_file_the_server_lacks_is_a_typed_error_for_the_parent() throws Exception {
        try (WsClient client = setup()) {
            client.await("setup:state");
            client.send("{\"action\":\"model:install\",\"modelId\":\"gone-tts\",\"requestId\":\"p-2\"}");
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("not_found"));
            assertThat(error.path("requestId").asText(), is("p-2"));
            assertThat(error.path("content").asText(), containsString("Download-Server"));
            client.send("{\"action\":\"model:install\",\"requestId\":\"p-3\"}");
            assertThat(client.await("error").path("code").asText(), is("bad_payload"));
            client.send("{\"action\":\"ping\",\"t\":1}");
            assertThat(client.await("pong").path("t").asLong(), is(1L));
        }
    }

    @Test
    void chat_goes_on_while_a_download_runs_and_cancel_ends_it() throws Exception {
        files.hold();
        try (WsClient client = setup()) {
            client.await("setup:state");
            client.send("{\"action\":\"model:install\",\"modelId\":\"tiny-stt\",\"requestId\":\"p-4\"}");
            client.await("model:progress");
            try (WsClient chat = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
                assertThat(chat.nextJson().path("content").asText(), containsString("Crafty"));
            }
            client.send("{\"action\":\"model:cancel\",\"modelId\":\"tiny-stt\",\"requestId\":\"p-5\"}");
            // the install's own end (cancelled) and the answer to the cancel come in either order
            List<JsonNode> ends = new ArrayList<>();
            while (ends.size() < 2) {
                JsonNode frame = client.nextJson();
                String type = frame.path("type").asText();
                if (type.equals("model:cancelled") || type.equals("cancelled")) {
                    ends.add(frame);
                }
            }
            JsonNode installEnd = ends.stream().filter(f -> f.path("type").asText().equals("cancelled")).findFirst().orElseThrow();
            JsonNode answer = ends.stream().filter(f -> f.path("type").asText().equals("model:cancelled")).findFirst().orElseThrow();
            assertThat(installEnd.path("requestId").asText(), is("p-4"));
            assertThat(answer.path("requestId").asText(), is("p-5"));
            assertThat(answer.path("running").asBoolean(), is(true));
            assertThat(Files.exists(dir.resolve("models").resolve("tiny.bin.part")), is(false));
        }
    }

    @Test
    void a_page_from_elsewhere_cannot_open_setup() {
        assertThrows(Exception.class, () -> WsClient.connect(TestServer.ws(server.port(), "/setup"),
                                                            Map.of("Origin", "https://evil.example"), List.of()));
    }
}
