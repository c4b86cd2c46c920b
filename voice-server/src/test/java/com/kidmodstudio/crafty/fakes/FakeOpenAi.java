package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fake OpenAI-compatible server (as llama.cpp's server, LM Studio or vLLM speak it):
 * {@code GET /v1/models} lists the models; {@code POST /v1/chat/completions} with
 * {@code "stream":true} answers {@code text/event-stream}, chunked: a role chunk, one
 * {@code data:} event per token, a chunk with {@code "finish_reason":"stop"}, then
 * {@code data: [DONE]}. Errors use OpenAI's body {@code {"error":{"message","type","param","code"}}}:
 * 401 {@code invalid_api_key} when a required key is missing or wrong, 404
 * {@code model_not_found}, and mid-stream {@code data: {"error":{…}}}. Like llama.cpp, a request
 * without a model is served when exactly one model is loaded.
 *
 * <p>Runs as a process like {@link FakeOllama}, with the same flags plus {@code --api-key}.
 */
public final class FakeOpenAi extends FakeHttpServer {
    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final long CREATED = 1_728_000_000L;

    private final FakeScript script;
    private final AtomicInteger completions = new AtomicInteger();

    /**
     * Starts a fake OpenAI-compatible server.
     *
     * @param script what it answers
     */
    private FakeOpenAi(FakeScript script) {
        super(script.port());
        this.script = script;
    }

    /** @return a builder whose {@code start()} returns a running fake */
    public static FakeScript.Builder<FakeOpenAi> builder() {
        return new FakeScript.Builder<>(FakeOpenAi::start);
    }

    /**
     * Starts a fake listening on 127.0.0.1.
     *
     * @param script what it answers
     * @return the running fake
     */
    public static FakeOpenAi start(FakeScript script) {
        FakeOpenAi fake = new FakeOpenAi(script);
        fake.listen();
        return fake;
    }

    /**
     * Runs as a process until standard input closes.
     *
     * @param args flags, see {@link FakeScript#fromArgs(String...)}
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        runUntilStdinCloses(new FakeOpenAi(FakeScript.fromArgs(args)));
    }

    @Override
    protected void handle(FakeExchange exchange) throws IOException {
        FakeRequest request = exchange.request();
        if (script.hang()) {
            exchange.hang();
            return;
        }
        String authorization = request.header("Authorization");
        if (script.apiKey() != null && !("Bearer " + script.apiKey()).equals(authorization)) {
            exchange.respond(401, JSON_UTF8, error(authorization == null
                    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth."
                    : "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
            return;
        }
        switch (request.method() + " " + request.path()) {
            case "GET /v1/models" -> exchange.respond(200, JSON_UTF8, models());
            case "POST /v1/chat/completions" -> chat(exchange, FakeOllama.JSON.readTree(request.body()));
            default -> exchange.respond(404, JSON_UTF8, error("File Not Found", "not_found_error", null));
        }
    }

    private void chat(FakeExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText("");
        if (script.failStatus() != 0) {
            exchange.respond(script.failStatus(), JSON_UTF8, error(script.errorMessage(), "server_error", null));
            return;
        }
        boolean served = script.models().contains(model) || model.isEmpty() && script.models().size() == 1;
        if (!served) {
            exchange.respond(404, JSON_UTF8, error("The model `" + model + "` does not exist or you do not have access to it.",
                                                   "invalid_request_error", "model_not_found"));
            return;
        }
        String id = "chatcmpl-fake" + completions.incrementAndGet();
        String reported = model.isEmpty() ? script.models().getFirst() : model;
        List<String> tokens = script.replyTo(FakeOllama.lastUserMessage(body.path("messages")));
        ObjectNode role = FakeOllama.JSON.createObjectNode().put("role", "assistant").put("content", "");
        exchange.stream(script, SSE, tokens, event(chunk(id, reported, role, null)),
                        token -> event(chunk(id, reported, FakeOllama.JSON.createObjectNode().put("content", token), null)),
                        event(error(script.errorMessage(), "server_error", null)),
                        () -> event(chunk(id, reported, FakeOllama.JSON.createObjectNode(), "stop")) + event("[DONE]"));
    }

    private String event(String data) {
        String end = script.framingNoise() ? "\r\n" : "\n";
        String noise = script.framingNoise() ? ": ping" + end + end + "event: message" + end : "";
        return noise + "data: " + data + end + end;
    }

    private static String chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = FakeOllama.JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", CREATED).put("model", model).put("system_fingerprint", "fp_fake");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk.toString();
    }

    private String models() {
        ObjectNode root = FakeOllama.JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String model : script.models()) {
            data.addObject().put("id", model).put("object", "model").put("created", CREATED).put("owned_by", "fake");
        }
        return root.toString();
    }

    private static String error(String message, String type, String code) {
        ObjectNode root = FakeOllama.JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return root.toString();
    }
}
