package com.kidmodstudio.crafty.llm;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Json;

/**
 * Reads Ollama's {@code /api/chat} stream: {@code application/x-ndjson}, one JSON object per
 * line, one line per token, sent with chunked transfer encoding as the model produces them.
 *
 * <p>A token:
 * <pre>{@code
 * {"model":"llama3.2","created_at":"2024-10-06T10:00:00.123456789Z","message":{"role":"assistant","content":"Hal"},"done":false}
 * }</pre>
 * The last line has {@code "done":true}, an empty content, why it stopped and the timings:
 * <pre>{@code
 * {"model":"llama3.2","created_at":"2024-10-06T10:00:02.5Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":2489123456,"load_duration":21456789,"prompt_eval_count":26,"prompt_eval_duration":130000000,"eval_count":42,"eval_duration":2300000000}
 * }</pre>
 * A failure after the reply has started comes as a line of its own, and the stream ends:
 * <pre>{@code
 * {"error":"an error was encountered while running the model: unexpected EOF"}
 * }</pre>
 * An unknown model is refused before streaming with HTTP 404 and
 * {@code {"error":"model \"llama3.2\" not found, try pulling it first"}}. Reasoning models first
 * send lines with {@code "message":{"role":"assistant","content":"","thinking":"Hmm"}}; only
 * {@code content} is spoken, so thinking is not handed on, but it counts as a token for the
 * timeouts.
 */
final class OllamaStream implements ReplyFormat {

    /** One line of the stream; unknown fields (timings, tool calls) are ignored. */
    record Line(Message message, boolean done, @JsonProperty("done_reason") String doneReason, String error) {
    }

    /** The message part of a line; {@code thinking} comes from reasoning models. */
    record Message(String role, String content, String thinking) {
    }

    /** An error body: {@code {"error":"…"}}. */
    record ErrorBody(String error) {
    }

    @Override
    public String server() {
        return "Ollama";
    }

    @Override
    public String mediaType() {
        return "application/x-ndjson";
    }

    @Override
    public ReplyLine decode(String line) throws IOException {
        Line parsed = Json.read(line, Line.class);
        if (parsed.error() != null) {
            return ReplyLine.failure(parsed.error());
        }
        Message message = parsed.message();
        ReplyLine.End end = parsed.done() ? ReplyLine.End.STREAM : ReplyLine.End.MORE;
        if (message == null || message.content() == null || message.content().isEmpty()) {
            boolean thinking = message != null && message.thinking() != null && !message.thinking().isEmpty();
            return thinking && end == ReplyLine.End.MORE ? ReplyLine.THINKING : ReplyLine.text("", end);
        }
        return ReplyLine.text(message.content(), end);
    }

    @Override
    public EngineException httpError(int status, String body, String model) {
        String text = errorText(body);
        if (status == 404 && text != null) {
            return new EngineException(ErrorCode.MODEL_MISSING, model,
                                       "model \"" + model + "\" is not installed in Ollama (install it with: ollama pull "
                                       + model + "); Ollama said: " + text, null);
        }
        String said = text != null ? text : Brief.text(body, 300);
        String hint = status == 404 ? " (no /api/chat here: is this an Ollama server, version 0.1.14 or newer?)" : "";
        return new EngineException(ErrorCode.LLM_ERROR, model, "Ollama answered HTTP " + status + hint + ": " + said, null);
    }

    /**
     * The {@code error} of an Ollama error body.
     *
     * @param body the response body
     * @return the message, or {@code null} when the body is not an Ollama error
     */
    static String errorText(String body) {
        try {
            return Json.read(body, ErrorBody.class).error();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
