package com.kidmodstudio.crafty.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * {@code GET /history} and {@code /history.html}: what a parent sees, escaped, token-protected.
 */
class HistoryServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final FakeOllama OLLAMA = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(2)).start();

    @TempDir
    Path dir;

    @AfterAll
    static void stopOllama() {
        OLLAMA.close();
    }

    private static HttpResponse<String> get(TestCrafty.Running server, String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.http(server.port(), path));
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private TestCrafty.Running server(String language) {
        return TestCrafty.start(Map.of("ollama.url", OLLAMA.url(), "store.path", dir.resolve("crafty.db").toString(),
                                       "crafty.token", TOKEN, "crafty.language", language));
    }

    private static String chatOnce(TestCrafty.Running server, String text) throws Exception {
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"), Map.of("Authorization", "Bearer " + TOKEN),
                                                java.util.List.of())) {
            client.nextJson();
            client.send(Json.write(Map.of("action", "chat", "payload", text)));
            return client.until(m -> m.path("done").asBoolean()).getLast().json().path("sessionId").asText();
        }
    }

    @Test
    void history_page_escapes_every_text_and_runs_no_script() throws Exception {
        try (TestCrafty.Running server = server("en")) {
            String sessionId = chatOnce(server, "<script>alert('hi')</script> & <b>bold</b>");
            HttpResponse<String> page = get(server, "/history.html", true);
            assertThat(page.statusCode(), is(200));
            assertThat(page.headers().firstValue("Content-Type").orElse(""), is("text/html; charset=utf-8"));
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""), containsString("default-src 'none'"));
            String html = page.body();
            assertThat(html, not(containsString("<script")));
            assertThat(html, not(containsString("<b>")));
            assertThat(html, containsString("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"));
            assertThat(html, containsString("<html lang=\"en\">"));
            assertThat(html, containsString("Conversations with Crafty"));
            assertThat(html, containsString("Child"));
            assertThat(get(server, "/history.html?sessionId=" + sessionId, true).statusCode(), is(200));
            assertThat(get(server, "/history.html?sessionId=nobody", true).statusCode(), is(404));
        }
    }

    @Test
    void history_page_escapes_titles_shows_hidden_chats_and_sends_a_strict_csp() throws Exception {
        try (TestCrafty.Running server = server("de")) {
            String sessionId = chatOnce(server, "Frage");
            try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"),
                                                    Map.of("Authorization", "Bearer " + TOKEN), java.util.List.of())) {
                client.nextJson();
                client.send(Json.write(Map.of("action", "session:rename", "sessionId", sessionId,
                                              "title", "<img src=x onerror=alert(1)><script>x()</script>\"'")));
                client.await("session:renamed");
                client.send(Json.write(Map.of("action", "session:delete", "sessionId", sessionId)));
                client.await("session:deleted");
            }
            HttpResponse<String> page = get(server, "/history.html", true);
            String html = page.body();
            assertThat(html, not(containsString("<img")));
            assertThat(html, not(containsString("<script")));
            assertThat(html, containsString("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;x()&lt;/script&gt;&quot;&#39;"));
            assertThat("a hidden chat is still shown to the parent", html, containsString("vom Kind ausgeblendet"));
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp, containsString("default-src 'none'"));
            assertThat(csp, not(containsString("unsafe-inline")));
            assertThat(csp, containsString("base-uri 'none'"));
            assertThat(csp, containsString("form-action 'none'"));
            assertThat(csp, containsString("frame-ancestors 'none'"));
            String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
            String hash = java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(style.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat("the only style allowed is the page's own", csp, containsString("style-src 'sha256-" + hash + "'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options").orElse(""), is("nosniff"));
            JsonNode json = TestJson.MAPPER.readTree(get(server, "/history", true).body());
            assertThat(json.path("sessions").get(0).path("session").path("hidden").asBoolean(), is(true));
        }
    }

    @Test
    void history_json_lists_sessions_with_their_messages() throws Exception {
        try (TestCrafty.Running server = server("de")) {
            String first = chatOnce(server, "Erste Frage");
            String second = chatOnce(server, "Zweite Frage");
            HttpResponse<String> response = get(server, "/history", true);
            assertThat(response.statusCode(), is(200));
            assertThat(response.headers().firstValue("Content-Type").orElse(""), is("application/json"));
            JsonNode body = TestJson.MAPPER.readTree(response.body());
            assertThat(body.path("store").asText(), is("ok"));
            JsonNode sessions = body.path("sessions");
            assertThat(sessions.size(), is(2));
            assertThat(sessions.get(0).path("session").path("sessionId").asText(), is(second));
            assertThat(sessions.get(1).path("session").path("sessionId").asText(), is(first));
            JsonNode messages = sessions.get(1).path("messages");
            assertThat(messages.get(0).path("role").asText(), is("user"));
            assertThat(messages.get(0).path("content").asText(), is("Erste Frage"));
            assertThat(messages.get(1).path("content").asText(), containsString("Erste Frage"));
            assertThat(messages.get(1).path("voice").asBoolean(), is(false));
            JsonNode one = TestJson.MAPPER.readTree(get(server, "/history?sessionId=" + first, true).body());
            assertThat(one.path("sessions").size(), is(1));
            assertThat(get(server, "/history.html", true).body(), containsString("Gespräche mit Crafty"));
        }
    }

    @Test
    void history_needs_the_token_like_everything_else() throws Exception {
        try (TestCrafty.Running server = server("de")) {
            assertThat(get(server, "/history", false).statusCode(), is(401));
            assertThat(get(server, "/history.html", false).statusCode(), is(401));
        }
    }
}
