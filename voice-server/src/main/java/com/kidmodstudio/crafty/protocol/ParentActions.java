package com.kidmodstudio.crafty.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;


/**
 * The requests of the parent area on {@code /parent}, and their decoders. Fields that are
 * missing or of the wrong type are {@link ErrorCode#BAD_PAYLOAD}.
 */
public final class ParentActions {
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_PIN = 64;

    private ParentActions() {
    }

    /**
     * {@code parent:state}: is a PIN set, is this socket unlocked, is the PIN locked.
     *
     * @param requestId correlation id or {@code null}
     */
    public record State(String requestId) implements ClientMessage.ToParent {
    }

    /**
     * {@code parent:set_pin}: the first PIN; unlocks this socket.
     *
     * @param requestId correlation id or {@code null}
     * @param pin       4 to 12 digits
     */
    public record SetPin(String requestId, String pin) implements ClientMessage.ToParent {
        @Override
        public String toString() {
            return "SetPin[requestId=" + requestId + ", pin=***]";
        }
    }

    /**
     * {@code parent:unlock}: the PIN, to open a parent session on this socket.
     *
     * @param requestId correlation id or {@code null}
     * @param pin       the PIN tried
     */
    public record Unlock(String requestId, String pin) implements ClientMessage.ToParent {
        @Override
        public String toString() {
            return "Unlock[requestId=" + requestId + ", pin=***]";
        }
    }

    /**
     * {@code parent:lock}: end the parent session at once.
     *
     * @param requestId correlation id or {@code null}
     */
    public record Lock(String requestId) implements ClientMessage.ToParent {
    }

    /**
     * {@code parent:overview}: settings, today's usage, every conversation, the safety events.
     *
     * @param requestId correlation id or {@code null}
     */
    public record Overview(String requestId) implements ClientMessage.ToParent {
    }

    /**
     * {@code parent:conversation}: one conversation with all its messages, hidden ones too.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId the conversation
     */
    public record Conversation(String requestId, String sessionId) implements ClientMessage.ToParent {
    }

    /**
     * {@code parent:settings}: change settings; names left out keep their value.
     *
     * @param requestId correlation id or {@code null}
     * @param settings  name to value, as text
     */
    public record UpdateSettings(String requestId, Map<String, String> settings) implements ClientMessage.ToParent {
    }

    /**
     * {@code parent:delete}: delete a conversation and its messages for good.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId the conversation
     */
    public record Delete(String requestId, String sessionId) implements ClientMessage.ToParent {
    }

    static SetPin setPin(JsonValue node, String id) throws ProtocolException {
        return new SetPin(id, pin(node, id));
    }

    static Unlock unlock(JsonValue node, String id) throws ProtocolException {
        return new Unlock(id, pin(node, id));
    }

    static Conversation conversation(JsonValue node, String id) throws ProtocolException {
        return new Conversation(id, sessionId(node, id));
    }

    static Delete delete(JsonValue node, String id) throws ProtocolException {
        return new Delete(id, sessionId(node, id));
    }

    static UpdateSettings settings(JsonValue node, String id) throws ProtocolException {
        JsonValue settings = node.get("settings");
        if (settings == null || !settings.isObject()) {
            throw bad("\"settings\" must be an object", id);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> field : settings.properties()) {
            JsonValue value = field.getValue();
            if (!value.isNull() && !value.isValueNode()) {
                throw bad("setting \"" + field.getKey() + "\" must be a string, number, boolean or null", id);
            }
            values.put(field.getKey(), value.isNull() ? "" : value.asText());
        }
        return new UpdateSettings(id, values);
    }

    private static String pin(JsonValue node, String id) throws ProtocolException {
        JsonValue pin = node.get("pin");
        if (pin == null || !pin.isTextual() || pin.asText().isEmpty() || pin.asText().length() > MAX_PIN) {
            throw bad("\"pin\" must be a string", id);
        }
        return pin.asText();
    }

    private static String sessionId(JsonValue node, String id) throws ProtocolException {
        JsonValue value = node.get("sessionId");
        if (value == null || !value.isTextual() || !SESSION_ID.matcher(value.asText()).matches()) {
            throw bad("\"sessionId\" must be 1 to 64 letters, digits, '-' or '_'", id);
        }
        return value.asText();
    }

    private static ProtocolException bad(String detail, String id) {
        return new ProtocolException(ErrorCode.BAD_PAYLOAD, detail, id);
    }
}
