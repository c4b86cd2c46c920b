package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.Http1Stream;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.JsonValue;

/**
 * Chats with any server that speaks OpenAI's chat completions API with streaming
 * ({@code POST /v1/chat/completions}): llama.cpp's server, LM Studio, vLLM, Ollama's
 * compatibility layer. The health probe lists the served models with {@code GET /v1/models}.
 * See {@link OpenAiStream} for the wire format. The API key, when set, is sent as a bearer
 * token and never logged or reported.
 */
public final class OpenAiChatModel implements ChatModel {
    private final URI url;
    private final URI completions;
    private final URI models;
    private final String model;
    private final String apiKey;
    private final LlmHttp http;
    private final OpenAiStream format;
    private final Map<String, Object> detail;

    /** The body of {@code POST /v1/chat/completions}; an empty model is left out. */
    record ChatRequest(String model, List<ChatMessage> messages, boolean stream) {
        ChatRequest {
            model = model == null || model.isEmpty() ? null : model;
        }
    }

    /** The body of a one-token completion that makes the server load the model. */
    record LoadRequest(String model, List<ChatMessage> messages, boolean stream, @JsonProperty("max_tokens") int maxTokens) {
        LoadRequest {
            model = model == null || model.isEmpty() ? null : model;
        }
    }

    /**
     * Creates the client; nothing is contacted until the first call.
     *
     * @param url      the server's base URL, with or without a trailing {@code /v1}
     * @param model    the model id; may be empty for a server that serves one model
     * @param apiKey   bearer token, or empty when the server needs none
     * @param timeouts connect, first-token, idle and health timeouts
     */
    public OpenAiChatModel(URI url, String model, String apiKey, LlmTimeouts timeouts) {
        this.url = withoutV1(Objects.requireNonNull(url, "url"));
        this.completions = URI.create(this.url + "/v1/chat/completions");
        this.models = URI.create(this.url + "/v1/models");
        this.model = Objects.requireNonNull(model, "model");
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.http = new LlmHttp(timeouts);
        this.format = new OpenAiStream(!this.apiKey.isEmpty());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("provider", "openai");
        facts.put("apiKey", this.apiKey.isEmpty() ? "none" : "set");
        this.detail = Collections.unmodifiableMap(facts);
    }

    @Override
    public String stream(List<ChatMessage> messages, Consumer<String> onDelta, Cancellation cancel) throws EngineException {
        return http.stream(completions, headers(), new ChatRequest(model, messages, true), format, model, onDelta, cancel);
    }

    /** A one-token completion: OpenAI-compatible servers have no request that only loads. */
    @Override
    public void preload() throws IOException {
        http.load(completions, headers(), new LoadRequest(model, List.of(new ChatMessage("user", "Hi")), false, 1),
                  OpenAiStream.SERVER);
    }

    @Override
    public EngineStatus probe() {
        Boolean present = null;
        String error;
        try {
            Http1Stream.Answer response = http.fetch(models, headers());
            int status = response.status();
            if (status == 401 || status == 403) {
                error = format.httpError(status, response.body().strip(), model).getMessage();
            } else if (status != 200) {
                error = OpenAiStream.SERVER + " answered HTTP " + status + " to " + models + ": "
                        + OpenAiStream.errorText(response.body().strip());
            } else {
                List<String> ids = modelIds(Json.parse(response.body()));
                present = ids.contains(model) || model.isEmpty() && ids.size() == 1;
                error = present ? null : missing(ids);
            }
        } catch (JsonProcessingException e) {
            error = OpenAiStream.SERVER + "'s " + models + " is not the expected JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            error = LlmHttp.describe(e, OpenAiStream.SERVER, models, http.timeouts().connect());
        }
        return new EngineStatus("openai", Boolean.TRUE.equals(present), url.toString(), model, present,
                                error != null ? error : http.lastFailure(), Instant.now(), detail);
    }

    @Override
    public EngineStatus unprobed() {
        return new EngineStatus("openai", false, url.toString(), model, null, "not checked yet", Instant.now(), detail);
    }

    private Map<String, String> headers() {
        return apiKey.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    private String missing(List<String> ids) {
        String served = ids.isEmpty() ? "none" : String.join(", ", ids);
        return model.isEmpty()
                ? "no model configured and the server serves more than one; set llm.model (LLM_MODEL) to one of: " + served
                : "model \"" + model + "\" is not served here; the server has: " + served;
    }

    private static List<String> modelIds(JsonValue root) {
        List<String> ids = new ArrayList<>();
        for (JsonValue entry : root.path("data")) {
            if (entry.path("id").isTextual()) {
                ids.add(entry.path("id").asText());
            }
        }
        return ids;
    }

    /**
     * The base URL without a trailing {@code /v1}, so both {@code http://host:8080} and
     * {@code http://host:8080/v1} work.
     *
     * @param url the configured URL, without a trailing slash
     * @return the base URL
     */
    static URI withoutV1(URI url) {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text.endsWith("/v1") ? text.substring(0, text.length() - 3) : text);
    }
}
