package com.kidmodstudio.crafty.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Decodes and validates the JSON control messages one route accepts. Each route builds one
 * {@code Inbound} with its actions, typed by the route's sealed set of messages; anything else is
 * a {@link ProtocolException} with the exact code: {@code bad_json}, {@code unknown_action} or
 * {@code bad_payload}. Unknown extra fields are ignored, so newer clients keep working against
 * this server.
 *
 * @param <T> the messages of the route
 */
public final class Inbound<T extends ClientMessage> {
    /** Longest accepted {@code requestId}. */
    public static final int MAX_ID_LENGTH = 128;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Decoder<? extends T>> decoders;
    private final String defaultAction;

    private Inbound(Map<String, Decoder<? extends T>> decoders, String defaultAction) {
        this.decoders = decoders;
        this.defaultAction = defaultAction;
    }

    /**
     * The actions of {@code /chat}.
     *
     * @return the decoder
     */
    public static Inbound<ClientMessage.ToChat> chat() {
        return Inbound.<ClientMessage.ToChat>builder().action("chat", Inbound::chatMessage).action("stop", Inbound::stop).action("ping", Inbound::ping)
                .action("session:list", SessionDecoders::list).action("session:create", SessionDecoders::create)
                .action("session:switch", SessionDecoders::switchTo).action("session:history", SessionDecoders::history)
                .action("session:rename", SessionDecoders::rename).action("session:delete", SessionDecoders::delete)
                .build(null);
    }

    /**
     * The actions of {@code /voice/tts}; a message without {@code action} is a synthesis request.
     *
     * @return the decoder
     */
    public static Inbound<ClientMessage.ToVoiceTts> voiceTts() {
        return Inbound.<ClientMessage.ToVoiceTts>builder().action("speak", Inbound::synthesize).action("stop", Inbound::stop).action("ping", Inbound::ping)
                .build("speak");
    }

    /**
     * The actions of {@code /voice/stt}.
     *
     * @return the decoder
     */
    public static Inbound<ClientMessage.ToVoiceStt> voiceStt() {
        return Inbound.<ClientMessage.ToVoiceStt>builder().action("audio_start", Inbound::audioStart).action("transcribe", (n, id) -> new ClientMessage.Transcribe(id))
                .action("clear", (n, id) -> new ClientMessage.Clear(id)).action("stop", Inbound::stop).action("ping", Inbound::ping)
                .build(null);
    }

    /**
     * The actions of {@code /voice/chat}.
     *
     * @return the decoder
     */
    public static Inbound<ClientMessage.ToVoiceChat> voiceChat() {
        return Inbound.<ClientMessage.ToVoiceChat>builder().action("speak", Inbound::speak).action("audio_start", Inbound::audioStart)
                .action("process_audio", (n, id) -> new ClientMessage.ProcessAudio(id, sessionId(n, id)))
                .action("clear", (n, id) -> new ClientMessage.Clear(id)).action("stop", Inbound::stop).action("ping", Inbound::ping)
                .action("heard", Inbound::heard).build(null);
    }

    /**
     * The actions of {@code /parent}, the parent area.
     *
     * @return the decoder
     */
    public static Inbound<ClientMessage.ToParent> parent() {
        return Inbound.<ClientMessage.ToParent>builder().action("parent:state", (n, id) -> new ParentActions.State(id))
                .action("parent:set_pin", ParentActions::setPin).action("parent:unlock", ParentActions::unlock)
                .action("parent:lock", (n, id) -> new ParentActions.Lock(id))
                .action("parent:overview", (n, id) -> new ParentActions.Overview(id))
                .action("parent:conversation", ParentActions::conversation).action("parent:settings", ParentActions::settings)
                .action("parent:delete", ParentActions::delete).action("ping", Inbound::ping).build(null);
    }

    /**
     * The actions of {@code /setup}, where a parent installs models.
     *
     * @return the decoder
     */
    public static Inbound<ClientMessage.ToSetup> setup() {
        return Inbound.<ClientMessage.ToSetup>builder().action("setup:state", SetupRequests::state).action("model:install", SetupRequests::install)
                .action("model:cancel", SetupRequests::cancel).action("model:delete", SetupRequests::delete)
                .action("ollama:check", (n, id) -> new SetupRequests.OllamaCheck(id))
                .action("ollama:pull", (n, id) -> new SetupRequests.OllamaPull(id))
                .action("ollama:cancel", (n, id) -> new SetupRequests.OllamaCancel(id))
                .action("ping", Inbound::ping).build(null);
    }

    /**
     * Decodes one complete text message.
     *
     * @param text the message as received
     * @return the validated message
     * @throws ProtocolException when it is not valid for this route
     */
    public T decode(String text) throws ProtocolException {
        JsonValue node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "expected a JSON object", null);
        }
        String requestId = requestId(node);
        JsonValue actionNode = node.get("action");
        String action;
        if (actionNode == null || actionNode.isNull()) {
            if (defaultAction == null) {
                throw new ProtocolException(ErrorCode.UNKNOWN_ACTION, "missing \"action\"; expected one of " + decoders.keySet(),
                                            requestId);
            }
            action = defaultAction;
        } else if (actionNode.isTextual()) {
            action = actionNode.asText();
        } else {
            throw new ProtocolException(ErrorCode.UNKNOWN_ACTION, "\"action\" must be a string", requestId);
        }
        Decoder<? extends T> decoder = decoders.get(action);
        if (decoder == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_ACTION,
                                        "unknown action \"" + abbreviate(action) + "\"; expected one of " + decoders.keySet(),
                                        requestId);
        }
        return decoder.decode(node, requestId);
    }

    private static <T extends ClientMessage> Builder<T> builder() {
        return new Builder<>();
    }

    private static ClientMessage.Chat chatMessage(JsonValue node, String id) throws ProtocolException {
        return new ClientMessage.Chat(id, sessionId(node, id), requiredText(node, "payload", id));
    }

    private static ClientMessage.Speak speak(JsonValue node, String id) throws ProtocolException {
        return new ClientMessage.Speak(id, sessionId(node, id), requiredText(node, "text", id));
    }

    private static ClientMessage.Synthesize synthesize(JsonValue node, String id) throws ProtocolException {
        return new ClientMessage.Synthesize(id, requiredText(node, "text", id));
    }

    private static ClientMessage.Stop stop(JsonValue node, String id) {
        return new ClientMessage.Stop(id);
    }

    private static ClientMessage.Heard heard(JsonValue node, String id) throws ProtocolException {
        if (id == null) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "missing \"requestId\": the reply that was heard", null);
        }
        return new ClientMessage.Heard(id, integer(node, "sentence", 0, 0, 10_000, id),
                                       integer(node, "playedMs", 0, 0, 3_600_000, id));
    }

    private static ClientMessage.Ping ping(JsonValue node, String id) throws ProtocolException {
        JsonValue t = node.get("t");
        if (t != null && !t.isNull() && !(t.isNumber() && t.canConvertToLong())) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "\"t\" must be a number", id);
        }
        return new ClientMessage.Ping(id, t == null || t.isNull() ? null : t.asLong());
    }

    private static ClientMessage.AudioStart audioStart(JsonValue node, String id) throws ProtocolException {
        int rate = integer(node, "sampleRate", 16000, 8000, 48000, id);
        int channels = integer(node, "channels", 1, 1, 2, id);
        JsonValue encoding = node.get("encoding");
        if (encoding != null && !encoding.isNull() && !"pcm_s16le".equals(encoding.asText())) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "\"encoding\" must be \"pcm_s16le\"", id);
        }
        return new ClientMessage.AudioStart(id, rate, channels);
    }

    private static String requestId(JsonValue node) throws ProtocolException {
        JsonValue id = node.get("requestId");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_ID_LENGTH) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD,
                                        "\"requestId\" must be a string of 1 to " + MAX_ID_LENGTH + " characters", null);
        }
        return id.asText();
    }

    static String sessionId(JsonValue node, String requestId) throws ProtocolException {
        JsonValue id = node.get("sessionId");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || !SESSION_ID.matcher(id.asText()).matches()) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD,
                                        "\"sessionId\" must be 1 to 64 letters, digits, '-' or '_'", requestId);
        }
        return id.asText();
    }

    /**
     * Whether a session id given outside a message (e.g. in the URL) is well-formed.
     *
     * @param id the id
     * @return true when it may be used
     */
    public static boolean validSessionId(String id) {
        return id != null && SESSION_ID.matcher(id).matches();
    }

    private static String requiredText(JsonValue node, String field, String id) throws ProtocolException {
        JsonValue value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "missing \"" + field + "\"", id);
        }
        if (!value.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "\"" + field + "\" must be a string", id);
        }
        if (value.asText().isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "\"" + field + "\" must not be empty", id);
        }
        return value.asText();
    }

    private static int integer(JsonValue node, String field, int fallback, int min, int max, String id) throws ProtocolException {
        JsonValue value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!wholeNumber(value, min, max)) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD,
                                        "\"" + field + "\" must be a whole number from " + min + " to " + max, id);
        }
        return value.asInt();
    }

    /**
     * Whether a JSON value is a whole number in a range. Checked before converting:
     * {@code asLong()} keeps only the low 64 bits of a larger number, so 2^64 + 16000 would pass
     * as 16000.
     *
     * @param value a JSON value
     * @param min   the least allowed
     * @param max   the most allowed
     * @return true when it is an integer from {@code min} to {@code max}
     */
    static boolean wholeNumber(JsonValue value, long min, long max) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= min && value.asLong() <= max;
    }

        private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    @FunctionalInterface
    private interface Decoder<M extends ClientMessage> {
        M decode(JsonValue node, String requestId) throws ProtocolException;
    }

    private static final class Builder<T extends ClientMessage> {
        private final Map<String, Decoder<? extends T>> decoders = new LinkedHashMap<>();

        Builder<T> action(String name, Decoder<? extends T> decoder) {
            decoders.put(name, decoder);
            return this;
        }

        Inbound<T> build(String defaultAction) {
            return new Inbound<>(Map.copyOf(decoders), defaultAction);
        }
    }
}
