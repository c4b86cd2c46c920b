package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fake Ollama serving Llama Guard 3: {@code POST /api/chat} with {@code stream:false} answers
 * one JSON object whose message is what the guard would write, {@code safe} or
 * {@code unsafe\nS11}, decided by a function of the last user message. {@code POST
 * /v1/chat/completions} answers the same in the OpenAI shape. It can also hang (a guard too slow)
 * or fail with HTTP 500.
 */
public final class FakeLlamaGuard extends FakeHttpServer {
    private final Function<String, String> verdict;
    private volatile boolean hang;
    private volatile boolean fail;

    private FakeLlamaGuard(Function<String, String> verdict) {
        super(0);
        this.verdict = verdict;
    }

    /**
     * Starts a fake guard on a free port.
     *
     * @param verdict what the guard says about a message: {@code safe} or e.g. {@code unsafe\nS11}
     * @return the running fake
     */
    public static FakeLlamaGuard start(Function<String, String> verdict) {
        FakeLlamaGuard fake = new FakeLlamaGuard(verdict);
        fake.listen();
        return fake;
    }

    /**
     * Makes every later request wait for ever.
     *
     * @return this fake
     */
    public FakeLlamaGuard hanging() {
        hang = true;
        return this;
    }

    /**
     * Makes every later request fail with HTTP 500.
     *
     * @return this fake
     */
    public FakeLlamaGuard failing() {
        fail = true;
        return this;
    }

    @Override
    protected void handle(FakeExchange exchange) throws IOException {
        if (hang) {
            exchange.hang();
            return;
        }
        if (fail) {
            exchange.respond(500, "application/json", "{\"error\":\"llama runner process has terminated\"}");
            return;
        }
        FakeRequest request = exchange.request();
        JsonNode body = FakeOllama.JSON.readTree(request.body());
        String text = verdict.apply(FakeOllama.lastUserMessage(body.path("messages")));
        ObjectNode answer = FakeOllama.JSON.createObjectNode();
        if (request.path().equals("/v1/chat/completions")) {
            answer.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", body.path("model").asText());
            answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", text);
        } else {
            answer.put("model", body.path("model").asText()).put("created_at", Instant.now().toString());
            answer.putObject("message").put("role", "assistant").put("content", text);
            answer.put("done_reason", "stop").put("done", true).put("total_duration", 212_000_000L);
        }
        exchange.respond(200, "application/json; charset=utf-8", FakeOllama.go(answer));
    }
}
