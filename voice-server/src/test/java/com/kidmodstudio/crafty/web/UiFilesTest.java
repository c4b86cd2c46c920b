package com.kidmodstudio.crafty.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Browser mode serves the renderer's files with the types the page needs: the hands-free
 * listener's WebAssembly as application/wasm, its ES module as JavaScript.
 */
class UiFilesTest {
    @TempDir
    static Path ui;
    private static TestCrafty.Running server;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(ui.resolve("index.html"), "<!doctype html><title>Crafty</title>");
        Path ort = Files.createDirectories(ui.resolve("vendor").resolve("ort"));
        Files.write(ort.resolve("engine.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(ort.resolve("engine.mjs"), "export default 1;\n");
        server = TestCrafty.start(Map.of("crafty.token", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "ui.dir", ui.toString(),
                                         "ollama.url", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void serves_webassembly_as_application_wasm() throws Exception {
        HttpResponse<byte[]> response = get("/vendor/ort/engine.wasm");
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), is("application/wasm"));
        assertThat(response.body().length, is(8));
    }

    @Test
    void serves_es_modules_as_javascript() throws Exception {
        HttpResponse<byte[]> response = get("/vendor/ort/engine.mjs");
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("text/javascript"));
    }

    @Test
    void serves_the_page_at_the_root() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("text/html"));
    }
}
