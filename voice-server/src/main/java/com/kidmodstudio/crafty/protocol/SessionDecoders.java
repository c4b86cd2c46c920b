package com.kidmodstudio.crafty.protocol;

import java.util.regex.Pattern;


/**
 * Decodes the {@code session:*} requests of {@code /chat}. Every problem with their fields is
 * {@link ErrorCode#BAD_REQUEST}, which is answered with {@code session:error}.
 */
final class SessionDecoders {
    /** Longest title a client may give. */
    static final int MAX_TITLE = 200;
    /** Largest page a client may ask for. */
    static final int MAX_LIMIT = 200;
    /** Page size when the client does not say. */
    static final int DEFAULT_LIMIT = 50;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/@+-]{1,200}");
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

    private SessionDecoders() {
    }

    static ClientMessage.SessionRequest list(JsonValue node, String id) {
        return new ClientMessage.SessionList(id);
    }

    static ClientMessage.SessionRequest create(JsonValue node, String id) throws ProtocolException {
        String title = optionalText(node, "title", id);
        String model = optionalText(node, "model", id);
        if (model != null && !MODEL.matcher(model).matches()) {
            throw bad("\"model\" must be a model name such as llama3.2:latest", id);
        }
        return new ClientMessage.SessionCreate(id, title, model);
    }

    static ClientMessage.SessionRequest switchTo(JsonValue node, String id) throws ProtocolException {
        return new ClientMessage.SessionSwitch(id, sessionId(node, id));
    }

    static ClientMessage.SessionRequest history(JsonValue node, String id) throws ProtocolException {
        String session = sessionId(node, id);
        JsonValue before = node.get("before");
        Long cursor = null;
        if (before != null && !before.isNull()) {
            if (!before.isTextual() || !CURSOR.matcher(before.asText()).matches()) {
                throw bad("\"before\" must be a cursor from an earlier reply", id);
            }
            cursor = Long.parseLong(before.asText());
        }
        JsonValue limit = node.get("limit");
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isNull()) {
            if (!Inbound.wholeNumber(limit, 1, MAX_LIMIT)) {
                throw bad("\"limit\" must be a whole number from 1 to " + MAX_LIMIT, id);
            }
            size = limit.asInt();
        }
        return new ClientMessage.SessionHistory(id, session, cursor, size);
    }

    static ClientMessage.SessionRequest rename(JsonValue node, String id) throws ProtocolException {
        String session = sessionId(node, id);
        String title = optionalText(node, "title", id);
        if (title == null) {
            throw bad("missing \"title\"", id);
        }
        return new ClientMessage.SessionRename(id, session, title);
    }

    static ClientMessage.SessionRequest delete(JsonValue node, String id) throws ProtocolException {
        return new ClientMessage.SessionDelete(id, sessionId(node, id));
    }

    private static String sessionId(JsonValue node, String id) throws ProtocolException {
        JsonValue value = node.get("sessionId");
        if (value == null || value.isNull()) {
            throw bad("missing \"sessionId\"", id);
        }
        if (!value.isTextual() || !SESSION_ID.matcher(value.asText()).matches()) {
            throw bad("\"sessionId\" must be 1 to 64 letters, digits, '-' or '_'", id);
        }
        return value.asText();
    }

    private static String optionalText(JsonValue node, String field, String id) throws ProtocolException {
        JsonValue value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().strip().length() > MAX_TITLE) {
            throw bad("\"" + field + "\" must be a non-empty string of at most " + MAX_TITLE + " characters", id);
        }
        return value.asText().strip();
    }

    private static ProtocolException bad(String detail, String id) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, detail, id);
    }
}
