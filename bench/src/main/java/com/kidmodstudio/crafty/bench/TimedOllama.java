package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.kidmodstudio.crafty.fakes.FakeExchange;
import com.kidmodstudio.crafty.fakes.FakeHttpServer;

/**
 * A fake Ollama with fixed, known timings that remembers, for every reply, when it wrote each
 * token (same {@link System#nanoTime()} clock as the benchmark's clients). Replies are keyed by
 * the request's last user message, which the benchmark makes unique per turn, so the time the
 * server adds can be measured per turn even with 50 clients at once.
 *
 * <p>Speaks the native API like the tests' {@code FakeOllama}: {@code GET /api/tags} lists
 * {@code llama3.2:latest}; {@code POST /api/chat} waits the first-token delay without sending
 * anything, then streams one NDJSON line per token, one chunk each, and a {@code "done":true} line.
 */
public final class TimedOllama extends FakeHttpServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "llama3.2:latest";

    private final Map<String, AtomicLongArray> writes = new ConcurrentHashMap<>();
    private final Map<String, Long> asked = new ConcurrentHashMap<>();
    private volatile Script script;

    /**
     * What every reply is, until changed.
     *
     * @param firstToken time before the first token
     * @param perToken   time between two tokens
     * @param tokens     the reply
     */
    public record Script(Duration firstToken, Duration perToken, List<String> tokens) {
        /** @return when the last token is due after the request, by the script */
        public Duration replyTime() {
            return firstToken.plus(perToken.multipliedBy(Math.max(0, tokens.size() - 1)));
        }
    }

    private TimedOllama(Script script) {
        super(0);
        this.script = script;
    }

    /**
     * Starts the fake on a free port.
     *
     * @param script the replies
     * @return the listening fake
     */
    public static TimedOllama start(Script script) {
        TimedOllama fake = new TimedOllama(script);
        fake.listen();
        return fake;
    }

    /** @param script the replies from now on */
    public void script(Script script) {
        this.script = script;
    }

    /** @return the replies now */
    public Script script() {
        return script;
    }

    /**
     * When each token of the reply to {@code userText} was handed to the socket.
     *
     * @param userText the request's last user message
     * @return nanoTime per token (0 for tokens not written), or {@code null} for no such request
     */
    public long[] tokenWrites(String userText) {
        AtomicLongArray times = writes.get(userText);
        if (times == null) {
            return null;
        }
        long[] copy = new long[times.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = times.get(i);
        }
        return copy;
    }

    /**
     * When the request for the reply to {@code userText} had arrived whole (its body read).
     *
     * @param userText the request's last user message
     * @return nanoTime, or {@code -1} for no such request
     */
    public long asked(String userText) {
        return asked.getOrDefault(userText, -1L);
    }

    @Override
    protected void handle(FakeExchange exchange) throws IOException {
        String route = exchange.request().method() + " " + exchange.request().path();
        switch (route) {
            case "GET /api/tags" -> exchange.respond(200, "application/json; charset=utf-8", tags());
            case "POST /api/chat" -> chat(exchange, JSON.readTree(exchange.request().body()));
            default -> exchange.respond(404, "text/plain", "404 page not found");
        }
    }

    private void chat(FakeExchange exchange, JsonNode body) throws IOException {
        long arrived = System.nanoTime();
        Script now = script;
        String user = lastUserMessage(body.path("messages"));
        asked.put(user, arrived);
        AtomicLongArray times = new AtomicLongArray(now.tokens().size());
        writes.put(user, times);
        if (!exchange.pause(now.firstToken())) {
            return;
        }
        exchange.startChunked(200, "application/x-ndjson");
        for (int i = 0; i < times.length(); i++) {
            if (i > 0 && !exchange.pause(now.perToken())) {
                return;
            }
            String line = line(now.tokens().get(i)).put("done", false) + "\n";
            times.set(i, System.nanoTime());
            exchange.token(line, false);
        }
        exchange.finish(line("").put("done_reason", "stop").put("done", true)
                                .put("eval_count", times.length()) + "\n");
    }

    private static ObjectNode line(String content) {
        ObjectNode line = JSON.createObjectNode().put("model", MODEL).put("created_at", Instant.now().toString());
        line.putObject("message").put("role", "assistant").put("content", content);
        return line;
    }

    private static String tags() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("models").addObject().put("name", MODEL).put("model", MODEL).put("size", 2_019_393_189L);
        return root.toString();
    }

    private static String lastUserMessage(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").asText();
            }
        }
        return last;
    }
}
