package com.kidmodstudio.crafty.llm;

/**
 * A language model request that failed, with the precise reason a client can act on.
 */
public final class LlmException extends Exception {

    /** Why the request failed; each maps to one protocol error code. */
    public enum Kind {
        /** Connection refused, reset or dropped before the reply was complete: {@code llm_unreachable}. */
        UNREACHABLE("llm_unreachable"),
        /** The configured model is not installed (Ollama answers 404): {@code model_missing}. */
        MODEL_MISSING("model_missing"),
        /** The server reported an error (HTTP 4xx/5xx or an error line in the stream): {@code llm_error}. */
        ERROR("llm_error"),
        /** No first token or no further token within the configured time: {@code llm_timeout}. */
        TIMEOUT("llm_timeout");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /**
         * The protocol error code.
         *
         * @return e.g. {@code "llm_unreachable"}
         */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String model;

    /**
     * Creates the exception.
     *
     * @param kind    why it failed
     * @param model   the model that was asked
     * @param message technical detail for the log (never shown to the child as is)
     * @param cause   the underlying exception, or {@code null}
     */
    public LlmException(Kind kind, String model, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.model = model;
    }

    /**
     * Why it failed.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The model that was asked.
     *
     * @return the model name
     */
    public String model() {
        return model;
    }
}
