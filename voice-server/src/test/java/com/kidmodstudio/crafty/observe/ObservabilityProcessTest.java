package com.kidmodstudio.crafty.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.SidecarProcess;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A scripted session against the real sidecar process — two chat turns, a malformed message,
 * an upgrade from a foreign origin — then its metrics and its log files.
 */
class ObservabilityProcessTest {
    private static final String MARKER = "Zauberwortxylophon";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path logs;

    @Test
    void metrics_and_json_logs_follow_a_session_without_the_childs_words() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().echo().start()) {
            Session session = run(ollama, Map.of());
            String metrics = session.metrics();
            assertThat(metrics, containsString("crafty_connections_total{route=\"/chat\"}"));
            assertThat(metrics, containsString("crafty_turns_total{outcome=\"done\",route=\"/chat\"} 2.0"));
            assertThat(metrics, containsString("crafty_errors_total{code=\"bad_json\",route=\"/chat\"} 1.0"));
            assertThat(metrics, containsString("crafty_upgrades_refused_total{reason=\"origin\"} 1.0"));
            assertThat(metrics, containsString("crafty_llm_first_token_seconds_bucket{route=\"/chat\",le="));
            assertThat(metrics, containsString("crafty_first_chunk_added_seconds_count{route=\"/chat\"} 2"));
            assertThat(metrics, containsString("jvm_memory_used_bytes"));
            assertThat(metrics, containsString("jvm_threads_live_threads"));

            List<JsonNode> lines = session.logLines();
            List<JsonNode> turn = lines.stream().filter(l -> "r-2".equals(l.path("request").asText())).toList();
            assertThat(turn.stream().map(l -> l.path("msg").asText()).toList(), is(List.of("turn.started", "turn.finished")));
            assertThat(turn.get(0).path("conn").asText(), is(turn.get(1).path("conn").asText()));
            assertThat(turn.get(0).path("session").asText(), is(turn.get(1).path("session").asText()));
            assertThat(turn.get(1).path("outcome").asText(), is("done"));
            assertThat(turn.get(1).path("llmFirstTokenMs").isIntegralNumber(), is(true));
            assertThat(lines.stream().filter(l -> "upgrade.refused".equals(l.path("msg").asText())).toList(), hasSize(1));
            assertThat(lines.stream().filter(l -> "bad_json".equals(l.path("code").asText())).toList(), hasSize(1));
            assertThat(lines.stream().filter(l -> "connection.closed".equals(l.path("msg").asText())).count(), greaterThan(0L));
            assertThat("the child's words are in no log line", session.rawLog(), not(containsString(MARKER)));
        }
    }

    @Test
    void log_content_switch_puts_the_words_into_the_log_and_says_so() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().echo().start()) {
            Session session = run(ollama, Map.of("LOG_CONTENT", "true"));
            assertThat(session.rawLog(), containsString(MARKER));
            assertThat(session.rawLog(), containsString("log.content is on"));
        }
    }

    private Session run(FakeOllama ollama, Map<String, String> extra) throws Exception {
        SidecarProcess sidecar = SidecarProcess.builder()
                .env(Map.of("OLLAMA_URL", ollama.url(), "STORE_PATH", ":memory:", "LOG_DIR", logs.toString(),
                            "SIDECAR_STDIN", "true", "TTS_ENGINE", "none", "STT_ENGINE", "none"))
                .env(extra).start();
        Process process = sidecar.process();
        int port = sidecar.port();
        try {
            sidecar.awaitListening(Duration.ofSeconds(20));
            URI chat = URI.create("ws://127.0.0.1:" + port + "/chat");
            try (WsClient client = WsClient.connect(chat)) {
                client.nextJson();
                client.send("{\"action\":\"chat\",\"payload\":\"Baue mir ein " + MARKER + "-Haus\",\"requestId\":\"r-1\"}");
                client.until(m -> m.path("done").asBoolean());
                client.send("{\"oops\"");
                client.await("error");
                client.send("{\"action\":\"chat\",\"payload\":\"Und noch eins\",\"requestId\":\"r-2\"}");
                client.until(m -> m.path("done").asBoolean());
            }
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> WsClient.connect(chat, Map.of("Origin", "https://evil.example"), List.of()));
            assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode(), is(403));
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                                       HttpResponse.BodyHandlers.ofString()).body();
            process.getOutputStream().close();
            assertThat("sidecar stops when stdin closes", process.waitFor(10, TimeUnit.SECONDS), is(true));
            return new Session(metrics, readLogs());
        } finally {
            sidecar.close();
        }
    }

    private String readLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private record Session(String metrics, String rawLog) {
        List<JsonNode> logLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : rawLog.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(TestJson.MAPPER.readTree(line));
                }
            }
            return lines;
        }
    }
}
