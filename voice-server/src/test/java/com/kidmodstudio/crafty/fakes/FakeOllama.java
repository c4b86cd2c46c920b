package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fake Ollama speaking the native API as Ollama writes it: {@code GET /api/tags} lists the
 * installed models; {@code POST /api/chat} streams {@code application/x-ndjson} with chunked
 * transfer encoding, one chunk per token line, nothing at all (not even headers) before the first
 * token, and a last line with {@code "done":true}, {@code "done_reason":"stop"} and the timings.
 * An unknown model gets 404 {@code {"error":"model \"x\" not found, try pulling it first"}};
 * a scripted failure is an {@code {"error":"…"}} line. JSON is escaped like Go's encoder.
 *
 * <p>In tests: {@code try (FakeOllama ollama = FakeOllama.builder().tokenDelay(...).start())}.
 * As a process (for the browser tests and the benchmark), with the test classes and the
 * server's libraries on the class path:
 * <pre>{@code
 * java -cp voice-server/target/test-classes:voice-server/target/libs/* \
 *      com.kidmodstudio.crafty.fakes.FakeOllama --port 0 --first-token-ms 200 --token-ms 25 --tokens 40 --echo
 * }</pre>
 * prints {@code LISTENING <port>} once it accepts connections and exits when its standard input
 * closes. Flags: see {@link FakeScript#fromArgs(String...)}.
 */
public final class FakeOllama extends FakeHttpServer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final FakeScript script;
    private volatile Duration loadDelay = Duration.ZERO;
    private int loading;

    /**
     * Starts a fake Ollama.
     *
     * @param script what it answers
     */
    private FakeOllama(FakeScript script) {
        super(script.port());
        this.script = script;
    }

    /** @return a builder whose {@code start()} returns a running fake Ollama */
    public static FakeScript.Builder<FakeOllama> builder() {
        return new FakeScript.Builder<>(FakeOllama::start);
    }

    /**
     * Starts a fake listening on 127.0.0.1.
     *
     * @param script what it answers
     * @return the running fake
     */
    public static FakeOllama start(FakeScript script) {
        FakeOllama fake = new FakeOllama(script);
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
        runUntilStdinCloses(new FakeOllama(FakeScript.fromArgs(args)));
    }

    /**
     * Sets how long loading the model takes for {@code POST /api/generate}.
     *
     * @param delay the load time
     * @return this fake
     */
    public FakeOllama loadDelay(Duration delay) {
        this.loadDelay = delay;
        return this;
    }

    @Override
    protected void handle(FakeExchange exchange) throws IOException {
        FakeRequest request = exchange.request();
        if (script.hang()) {
            exchange.hang();
            return;
        }
        switch (request.method() + " " + request.path()) {
            case "GET /api/tags" -> {
                awaitLoaded();
                exchange.respond(200, JSON_UTF8, tags());
            }
            case "POST /api/generate" -> load(exchange, JSON.readTree(request.body()));
            case "POST /api/chat" -> chat(exchange, JSON.readTree(request.body()));
            case "GET /", "HEAD /" -> exchange.respond(200, "text/plain; charset=utf-8", "Ollama is running");
            default -> exchange.respond(404, "text/plain", "404 page not found");
        }
    }

    private void chat(FakeExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText();
        if (!installed(model)) {
            exchange.respond(404, JSON_UTF8, go(JSON.createObjectNode()
                    .put("error", "model \"" + model + "\" not found, try pulling it first")));
            return;
        }
        if (script.failStatus() != 0) {
            exchange.respond(script.failStatus(), JSON_UTF8, go(JSON.createObjectNode().put("error", script.errorMessage())));
            return;
        }
        List<String> tokens = script.replyTo(lastUserMessage(body.path("messages")));
        String end = script.framingNoise() ? "\r\n\r\n" : "\n";
        exchange.stream(script, NDJSON, tokens, null,
                        token -> go(line(model, token).put("done", false)) + end,
                        go(JSON.createObjectNode().put("error", script.errorMessage())) + end,
                        () -> go(line(model, "").put("done_reason", "stop").put("done", true)
                                .put("total_duration", 2_489_123_456L).put("load_duration", 21_456_789L)
                                .put("prompt_eval_count", 26).put("prompt_eval_duration", 130_000_000L)
                                .put("eval_count", tokens.size()).put("eval_duration", 2_300_000_000L)) + end);
    }

    private void load(FakeExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText();
        if (!installed(model)) {
            exchange.respond(404, JSON_UTF8, go(JSON.createObjectNode()
                    .put("error", "model \"" + model + "\" not found, try pulling it first")));
            return;
        }
        synchronized (this) {
            loading++;
        }
        try {
            Thread.sleep(loadDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                loading--;
                notifyAll();
            }
        }
        exchange.respond(200, JSON_UTF8, go(JSON.createObjectNode().put("model", model)
                .put("created_at", Instant.now().toString()).put("response", "").put("done", true)
                .put("done_reason", "load")));
    }

    private synchronized void awaitLoaded() {
        while (loading > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ObjectNode line(String model, String content) {
        ObjectNode line = JSON.createObjectNode().put("model", model).put("created_at", Instant.now().toString());
        line.putObject("message").put("role", "assistant").put("content", content);
        return line;
    }

    private boolean installed(String model) {
        return script.models().stream().anyMatch(m -> withTag(m).equals(withTag(model)));
    }

    private String tags() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (String name : script.models()) {
            ObjectNode m = models.addObject().put("name", withTag(name)).put("model", withTag(name))
                    .put("modified_at", "2024-09-26T11:52:31.123456789+02:00").put("size", 2_019_393_189L)
                    .put("digest", sha256(name));
            ObjectNode details = m.putObject("details").put("parent_model", "").put("format", "gguf")
                    .put("family", "llama");
            details.putArray("families").add("llama");
            details.put("parameter_size", "3.2B").put("quantization_level", "Q4_K_M");
        }
        return go(root);
    }

    static String lastUserMessage(JsonNode messages) {
        String last = null;
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").asText();
            }
        }
        return last;
    }

    private static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    /** JSON as Go's encoding/json writes it: compact, with {@code <>&} escaped. */
    static String go(JsonNode node) {
        return node.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
