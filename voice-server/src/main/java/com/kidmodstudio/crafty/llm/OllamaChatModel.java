package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.Http1Stream;
import com.kidmodstudio.crafty.protocol.Json;

/**
 * Chats with a model served by Ollama through its native streaming API,
 * {@code POST /api/chat}; the health probe lists the installed models with
 * {@code GET /api/tags}. See {@link OllamaStream} for the wire format.
 */
public final class OllamaChatModel implements ChatModel {
    private static final Pattern SECONDS = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");

    private final URI url;
    private final URI chat;
    private final URI tags;
    private final URI generate;
    private final String model;
    private final String keepAlive;
    private final Object keepAliveJson;
    private final LlmHttp http;
    private final OllamaStream format = new OllamaStream();
    private final Map<String, Object> detail;

    /** The body of {@code POST /api/chat}. */
    record ChatRequest(String model, List<ChatMessage> messages, boolean stream,
                       @JsonProperty("keep_alive") Object keepAlive) {
    }

    /** The body of {@code POST /api/generate} that only loads the model: no prompt. */
    record LoadRequest(String model, String prompt, boolean stream, @JsonProperty("keep_alive") Object keepAlive) {
    }

    /** The answer of {@code GET /api/tags}. */
    record Tags(List<Tag> models) {
    }

    /** One installed model; {@code name} and {@code model} both carry the tagged name. */
    record Tag(String name, String model) {
    }

    /**
     * Creates the client; nothing is contacted until the first call.
     *
     * @param url       Ollama's base URL, e.g. {@code http://127.0.0.1:11434}
     * @param model     the model, e.g. {@code llama3.2:latest}; without a tag it means {@code :latest}
     * @param keepAlive how long Ollama keeps the model loaded ({@code 30m}, {@code 1h}, {@code 300}
     *                  seconds, {@code -1} for ever, {@code 0}); empty for Ollama's default
     * @param timeouts  connect, first-token, idle and health timeouts
     * @throws IllegalArgumentException when {@code keepAlive} is not a duration Ollama accepts
     */
    public OllamaChatModel(URI url, String model, String keepAlive, LlmTimeouts timeouts) {
        this.url = Objects.requireNonNull(url, "url");
        this.chat = URI.create(url + "/api/chat");
        this.tags = URI.create(url + "/api/tags");
        this.generate = URI.create(url + "/api/generate");
        this.model = Objects.requireNonNull(model, "model");
        this.keepAlive = keepAlive == null ? "" : keepAlive.strip();
        this.keepAliveJson = keepAliveJson(this.keepAlive);
        this.http = new LlmHttp(timeouts);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("provider", "ollama");
        facts.put("keepalive", this.keepAlive.isEmpty() ? "ollama default" : this.keepAlive);
        this.detail = Collections.unmodifiableMap(facts);
    }

    @Override
    public String stream(List<ChatMessage> messages, Consumer<String> onDelta, Cancellation cancel) throws EngineException {
        return http.stream(chat, Map.of(), new ChatRequest(model, messages, true, keepAliveJson),
                           format, model, onDelta, cancel);
    }

    /** {@code POST /api/generate} with an empty prompt and the keep-alive: Ollama loads the model and answers {@code done_reason: load}. */
    @Override
    public void preload() throws IOException {
        http.load(generate, Map.of(), new LoadRequest(model, "", false, keepAliveJson), "Ollama");
    }

    @Override
    public EngineStatus probe() {
        Boolean present = null;
        String error;
        try {
            Http1Stream.Answer response = http.fetch(tags, Map.of());
            if (response.status() != 200) {
                String text = OllamaStream.errorText(response.body());
                error = "Ollama answered HTTP " + response.status() + " to " + tags + ": "
                        + (text != null ? text : Brief.text(response.body().strip(), 200));
            } else {
                present = installed(Json.read(response.body(), Tags.class));
                error = present ? null : "model \"" + model + "\" is not installed (install it with: ollama pull " + model + ")";
            }
        } catch (JsonProcessingException e) {
            error = "Ollama's " + tags + " is not the expected JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            error = LlmHttp.describe(e, "Ollama", tags, http.timeouts().connect());
        }
        return new EngineStatus("ollama", Boolean.TRUE.equals(present), url.toString(), model, present,
                                error != null ? error : http.lastFailure(), Instant.now(), detail);
    }

    @Override
    public EngineStatus unprobed() {
        return new EngineStatus("ollama", false, url.toString(), model, null, "not checked yet", Instant.now(), detail);
    }

    private boolean installed(Tags tags) {
        if (tags == null || tags.models() == null) {
            return false;
        }
        String wanted = withTag(model);
        return tags.models().stream()
                .anyMatch(t -> t.name() != null && withTag(t.name()).equals(wanted)
                               || t.model() != null && withTag(t.model()).equals(wanted));
    }

    /**
     * A model name with its tag: {@code llama3.2} is {@code llama3.2:latest}; a registry port
     * ({@code host:5000/name}) is not a tag.
     *
     * @param name the name as given
     * @return the name with a tag
     */
    static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    /**
     * Validates a keep-alive value and converts it to what Ollama's JSON expects: a plain number
     * is seconds and goes as a JSON number ({@code -1} keeps the model loaded for ever), a Go
     * duration such as {@code 5m} or {@code 1h30m} goes as a string.
     *
     * @param raw the configured value
     * @return a {@link Long}, {@link Double} or {@link String}; {@code null} when empty
     * @throws IllegalArgumentException when Ollama would reject it
     */
    static Object keepAliveJson(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (SECONDS.matcher(value).matches()) {
            return value.contains(".") ? (Object) Double.valueOf(value) : (Object) Long.valueOf(value);
        }
        if (GO_DURATION.matcher(value).matches()) {
            return value;
        }
        throw new IllegalArgumentException("not a keep-alive duration: " + value);
    }
}
