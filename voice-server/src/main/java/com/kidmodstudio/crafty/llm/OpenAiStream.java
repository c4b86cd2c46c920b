package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.JsonValue;

/**
 * Reads an OpenAI-compatible {@code /v1/chat/completions} stream: server-sent events, one
 * {@code data:} line per chunk, each followed by a blank line.
 *
 * <p>A server first announces the role, then sends one chunk per token:
 * <pre>{@code
 * data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1728000000,"model":"llama3.2","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
 * data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1728000000,"model":"llama3.2","choices":[{"index":0,"delta":{"content":"Hal"},"finish_reason":null}]}
 * }</pre>
 * then a chunk with an empty delta and {@code "finish_reason":"stop"} (some servers add a usage
 * chunk with no choices), and ends the stream with
 * <pre>{@code
 * data: [DONE]
 * }</pre>
 * A failure mid-stream is {@code data: {"error":{"message":"…","type":"server_error","code":null}}};
 * llama.cpp's server may send it as an {@code error:} field instead. Comments ({@code : ping}),
 * blank lines, {@code event:}, {@code id:} and {@code retry:} lines carry no text and are skipped.
 * Every chunk is one line of JSON, so each {@code data:} line is read on its own.
 */
final class OpenAiStream implements ReplyFormat {
    static final String SERVER = "the OpenAI-compatible server";

    private final boolean keyConfigured;

    /** A chunk of the stream; unknown fields are ignored. */
    record Chunk(List<Choice> choices, JsonValue error) {
    }

    /** One choice of a chunk. */
    record Choice(Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The new text of a choice; reasoning models send their thinking as {@code reasoning_content}
     * (llama.cpp, vLLM, DeepSeek) or {@code reasoning}.
     */
    record Delta(String content, @JsonProperty("reasoning_content") String reasoningContent, String reasoning) {
        boolean thinks() {
            return reasoningContent != null && !reasoningContent.isEmpty() || reasoning != null && !reasoning.isEmpty();
        }
    }

    /**
     * An error body: {@code {"error":{"message":…,"type":…,"code":…}}}.
     *
     * @param message what went wrong
     * @param type    e.g. {@code invalid_request_error}, or {@code null}
     * @param code    e.g. {@code model_not_found}, or {@code null}
     */
    record ApiError(String message, String type, String code) {
    }

    OpenAiStream(boolean keyConfigured) {
        this.keyConfigured = keyConfigured;
    }

    @Override
    public String server() {
        return SERVER;
    }

    @Override
    public String mediaType() {
        return "text/event-stream";
    }

    @Override
    public ReplyLine decode(String line) throws IOException {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
        return switch (field) {
            case "data" -> data(value);
            case "error" -> ReplyLine.failure(describe(apiError(Json.parse(value)), value));
            default -> ReplyLine.NOTHING;
        };
    }

    private static ReplyLine data(String value) throws IOException {
        if (value.equals("[DONE]")) {
            return ReplyLine.text("", ReplyLine.End.STREAM);
        }
        Chunk chunk = Json.read(value, Chunk.class);
        if (chunk.error() != null && !chunk.error().isNull()) {
            return ReplyLine.failure(describe(apiError(Json.parse(value)), value));
        }
        if (chunk.choices() == null || chunk.choices().isEmpty()) {
            return ReplyLine.NOTHING;
        }
        Choice choice = chunk.choices().getFirst();
        ReplyLine.End end = choice.finishReason() == null ? ReplyLine.End.MORE : ReplyLine.End.FINISHED;
        Delta delta = choice.delta();
        if (delta == null || delta.content() == null || delta.content().isEmpty()) {
            return delta != null && delta.thinks() && end == ReplyLine.End.MORE ? ReplyLine.THINKING : ReplyLine.text("", end);
        }
        return ReplyLine.text(delta.content(), end);
    }

    @Override
    public EngineException httpError(int status, String body, String model) {
        ApiError error = apiError(body);
        String said = describe(error, body);
        if (status == 404 || error != null && "model_not_found".equals(error.code())) {
            return new EngineException(ErrorCode.MODEL_MISSING, model,
                                       "model \"" + model + "\" is not available on " + SERVER + " (HTTP " + status + "): " + said, null);
        }
        if (status == 401 || status == 403) {
            String hint = keyConfigured
                    ? "it refused the API key in llm.api.key (LLM_API_KEY)"
                    : "it needs an API key: set llm.api.key (LLM_API_KEY)";
            return new EngineException(ErrorCode.LLM_ERROR, model,
                                       SERVER + " answered HTTP " + status + ", " + hint + ": " + said, null);
        }
        return new EngineException(ErrorCode.LLM_ERROR, model, SERVER + " answered HTTP " + status + ": " + said, null);
    }

    /**
     * Reads an error body in the shapes servers use: OpenAI's and llama.cpp's
     * {@code {"error":{"message":…}}}, {@code {"error":"…"}}, and vLLM's top-level
     * {@code {"message":…,"type":…,"code":…}}.
     *
     * @param body the response body
     * @return the error, or {@code null} when the body is none of these
     */
    static ApiError apiError(String body) {
        try {
            return apiError(Json.parse(body));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ApiError apiError(JsonValue root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonValue error = root.path("error");
        if (error.isTextual()) {
            return new ApiError(error.asText(), null, null);
        }
        JsonValue holder = error.isObject() ? error : root;
        JsonValue message = holder.path("message");
        if (!message.isTextual()) {
            return null;
        }
        return new ApiError(message.asText(), text(holder.path("type")), text(holder.path("code")));
    }

    private static String text(JsonValue node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /**
     * What an error body says, for messages.
     *
     * @param body the response body
     * @return its message and code, or the start of the body when it is no known error shape
     */
    static String errorText(String body) {
        return describe(apiError(body), body);
    }

    private static String describe(ApiError error, String raw) {
        if (error == null) {
            return Brief.text(raw, 300);
        }
        return error.message() + (error.code() != null ? " (" + error.code() + ")" : "");
    }
}
