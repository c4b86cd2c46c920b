package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A history file that cannot be used does not stop Crafty: chat works in memory, and
 * {@code /status} and the history page say why, naming the file.
 */
class StoreFallbackTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FakeOllama OLLAMA = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(2)).start();

    @TempDir
    Path dir;

    @AfterAll
    static void stopOllama() {
        OLLAMA.close();
    }

    private static String get(TestCrafty.Running server, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), path)).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        return response.body();
    }

    private static void chatWorksInMemory(TestCrafty.Running server, Path file, String why) throws Exception {
        JsonNode store = TestJson.MAPPER.readTree(get(server, "/status")).path("store");
        assertThat(store.path("status").asText(), is("fallback"));
        assertThat(store.path("engine").asText(), is("memory"));
        assertThat(store.path("path").asText(), is(file.toString()));
        assertThat(store.path("warning").asText(), containsString(file.toString()));
        assertThat(store.path("warning").asText(), containsString(why));
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
            client.nextJson();
            client.send("{\"action\":\"chat\",\"payload\":\"Geht es trotzdem?\"}");
            assertThat(client.until(m -> m.path("done").asBoolean()).getLast().json().path("fullContent").asText(),
                       containsString("Geht es trotzdem?"));
            client.send("{\"action\":\"session:list\"}");
            assertThat(client.await("session:list").path("sessions").get(0).path("messageCount").asInt(), is(2));
        }
        assertThat(get(server, "/history.html"), containsString("Der Verlauf wird gerade nicht gespeichert."));
    }

    @Test
    void a_damaged_file_falls_back_to_memory_with_a_warning() throws Exception {
        Path file = dir.resolve("damaged.db");
        Files.writeString(file, "kein SQLite ".repeat(500));
        try (TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", OLLAMA.url(), "store.path", file.toString()))) {
            chatWorksInMemory(server, file, "not a database");
        }
    }

    @Test
    void a_locked_file_falls_back_to_memory_with_a_warning() throws Exception {
        Path file = dir.resolve("locked.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = other.createStatement()) {
            s.execute("CREATE TABLE other_program (x)");
            s.execute("PRAGMA locking_mode=EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO other_program VALUES (1)");
            try (TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", OLLAMA.url(), "store.path", file.toString(),
                                                                     "store.wait", "200ms"))) {
                chatWorksInMemory(server, file, "locked by another program");
            }
        }
    }

    @Test
    void status_reports_a_working_store() throws Exception {
        Path file = dir.resolve("fine.db");
        try (TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", OLLAMA.url(), "store.path", file.toString()))) {
            JsonNode store = TestJson.MAPPER.readTree(get(server, "/status")).path("store");
            assertThat(store.path("status").asText(), is("ok"));
            assertThat(store.path("engine").asText(), is("sqlite"));
            assertThat(store.path("path").asText(), is(file.toString()));
            assertThat(store.path("schemaVersion").asInt(), is(5));
            assertThat(store.has("warning"), is(false));
        }
    }
}
