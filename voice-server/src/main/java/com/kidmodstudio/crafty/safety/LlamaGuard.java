package com.kidmodstudio.crafty.safety;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.kidmodstudio.crafty.engine.EngineHttp;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.JsonValue;

/**
 * Llama Guard 3 on the same server as the chat model: Ollama's {@code POST /api/chat}, or
 * {@code POST /v1/chat/completions} on an OpenAI-compatible server, with the child's message as
 * the only user turn and {@code stream:false}. The server applies the model's own template; the
 * answer is {@code safe} or {@code unsafe\nS11}. Times out after {@code timeout}.
 */
public final class LlamaGuard implements ModelGuard {
    /** The chat request asking the guard model about one message. */
    private record GuardRequest(String model, boolean stream, List<Line> messages) {
        /** One chat message. */
        private record Line(String role, String content) {
        }
    }

    private final Supplier<HttpClient> client;
    private final URI endpoint;
    private final boolean openai;
    private final String model;
    private final Duration timeout;

    /**
     * Creates the guard.
     *
     * @param baseUrl the model server, e.g. {@code http://127.0.0.1:11434}
     * @param openai  whether the server speaks the OpenAI API instead of Ollama's
     * @param model   the guard model, e.g. {@code llama-guard3:1b}
     * @param timeout the longest a classification may take
     */
    public LlamaGuard(String baseUrl, boolean openai, String model, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (openai && base.endsWith("/v1")) {
            base = base.substring(0, base.length() - 3);
        }
        this.endpoint = URI.create(base + (openai ? "/v1/chat/completions" : "/api/chat"));
        this.openai = openai;
        this.model = model;
        this.timeout = timeout;
        URI url = endpoint;
        // built when the guard is first asked: it is off unless a parent or safety.guard switches it on
        this.client = EngineHttp.lazily(() -> EngineHttp.builder(url).connectTimeout(timeout).build());
    }

    /**
     * The model asked.
     *
     * @return its name
     */
    public String model() {
        return model;
    }

    @Override
    public Verdict classify(String message) throws GuardException {
        String body = Json.write(new GuardRequest(model, false, List.of(new GuardRequest.Line("user", message))));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = client.get().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new GuardException("the guard model answered HTTP " + response.statusCode());
            }
            JsonValue root = Json.parse(response.body());
            JsonValue content = openai ? root.path("choices").path(0).path("message").path("content")
                    : root.path("message").path("content");
            if (!content.isTextual()) {
                throw new GuardException("the guard's answer has no message content");
            }
            return Verdict.parse(content.asText());
        } catch (IOException e) {
            throw new GuardException("the guard model cannot be asked: " + e.getClass().getSimpleName()
                                             + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuardException("interrupted");
        }
    }
}
