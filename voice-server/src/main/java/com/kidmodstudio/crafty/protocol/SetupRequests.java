package com.kidmodstudio.crafty.protocol;

import java.util.regex.Pattern;


/**
 * What a parent's panel sends on {@code /setup}, and how it is decoded. A missing or malformed
 * {@code modelId} is {@code bad_payload}.
 */
public final class SetupRequests {
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SetupRequests() {
    }

    /**
     * {@code {"action":"setup:state"}}: the catalog with each model's state, and Ollama's.
     *
     * @param requestId correlation id or {@code null}
     */
    public record State(String requestId) implements ClientMessage.ToSetup {
    }

    /**
     * {@code {"action":"model:install","modelId":"…","again"?:true}}: download and install a model,
     * or join its running download; with {@code again}, an installed model's files are deleted
     * first and downloaded anew (for a model its engine cannot load: "Modell beschädigt – neu laden").
     *
     * @param requestId correlation id or {@code null}
     * @param modelId   the catalog id
     * @param again     whether to install an installed model again
     */
    public record Install(String requestId, String modelId, boolean again) implements ClientMessage.ToSetup {
    }

    /**
     * {@code {"action":"model:cancel","modelId":"…"}}: stop a model's download.
     *
     * @param requestId correlation id or {@code null}
     * @param modelId   the catalog id
     */
    public record Cancel(String requestId, String modelId) implements ClientMessage.ToSetup {
    }

    /**
     * {@code {"action":"model:delete","modelId":"…"}}: delete an installed model.
     *
     * @param requestId correlation id or {@code null}
     * @param modelId   the catalog id
     */
    public record Delete(String requestId, String modelId) implements ClientMessage.ToSetup {
    }

    /**
     * {@code {"action":"ollama:check"}}: measure again whether Ollama runs and has the model.
     *
     * @param requestId correlation id or {@code null}
     */
    public record OllamaCheck(String requestId) implements ClientMessage.ToSetup {
    }

    /**
     * {@code {"action":"ollama:pull"}}: have Ollama download Crafty's language model, then load it.
     *
     * @param requestId correlation id or {@code null}
     */
    public record OllamaPull(String requestId) implements ClientMessage.ToSetup {
    }

    /**
     * {@code {"action":"ollama:cancel"}}: stop the running pull.
     *
     * @param requestId correlation id or {@code null}
     */
    public record OllamaCancel(String requestId) implements ClientMessage.ToSetup {
    }

    static ClientMessage.ToSetup state(JsonValue node, String id) {
        return new State(id);
    }

    static ClientMessage.ToSetup install(JsonValue node, String id) throws ProtocolException {
        JsonValue again = node.get("again");
        if (again != null && !again.isBoolean() && !again.isNull()) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "\"again\" must be true or false", id);
        }
        return new Install(id, modelId(node, id), again != null && again.asBoolean());
    }

    static ClientMessage.ToSetup cancel(JsonValue node, String id) throws ProtocolException {
        return new Cancel(id, modelId(node, id));
    }

    static ClientMessage.ToSetup delete(JsonValue node, String id) throws ProtocolException {
        return new Delete(id, modelId(node, id));
    }

    private static String modelId(JsonValue node, String id) throws ProtocolException {
        JsonValue value = node.get("modelId");
        if (value == null || !value.isTextual() || !MODEL_ID.matcher(value.asText()).matches()) {
            throw new ProtocolException(ErrorCode.BAD_PAYLOAD, "\"modelId\" must be a model id from the catalog", id);
        }
        return value.asText();
    }
}
