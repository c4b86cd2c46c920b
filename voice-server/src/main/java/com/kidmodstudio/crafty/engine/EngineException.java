package com.kidmodstudio.crafty.engine;

import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * An engine request that failed — the language model, speech synthesis or speech recognition —
 * typed by the {@link ErrorCode} the client receives, e.g. {@link ErrorCode#LLM_UNREACHABLE},
 * {@link ErrorCode#TTS_TIMEOUT} or {@link ErrorCode#STT_UNAVAILABLE}. The message is technical
 * detail for the log and the error's {@code error} field, never shown to the child as is.
 * Cancellation is not a failure and is thrown as {@link CancelledException}.
 */
public final class EngineException extends Exception {
    private final ErrorCode code;
    private final String engine;

    /**
     * Creates the exception.
     *
     * @param code    why it failed, as the client is told
     * @param engine  the engine that failed, e.g. {@code "piper"}, or the language model that was
     *                asked, e.g. {@code "llama3.2:latest"}
     * @param message technical detail for the log
     * @param cause   the underlying exception, or {@code null}
     */
    public EngineException(ErrorCode code, String engine, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.engine = engine;
    }

    /**
     * Why it failed.
     *
     * @return the error code sent to the client
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * The engine that failed, or the language model that was asked.
     *
     * @return its name
     */
    public String engine() {
        return engine;
    }
}
