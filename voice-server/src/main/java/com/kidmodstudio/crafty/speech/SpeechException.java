package com.kidmodstudio.crafty.speech;

/**
 * A speech request that failed, with the protocol code a client can act on. Cancellation is
 * not a failure and is thrown as {@link com.kidmodstudio.crafty.engine.CancelledException}.
 */
public final class SpeechException extends Exception {

    /** Why the request failed; each maps to one protocol error code. */
    public enum Kind {
        /** No speech synthesis engine is installed or configured: {@code tts_unavailable}. */
        TTS_UNAVAILABLE("tts_unavailable"),
        /** No speech recognition engine is installed or configured: {@code stt_unavailable}. */
        STT_UNAVAILABLE("stt_unavailable"),
        /** The synthesis engine failed, crashed or produced unusable output: {@code tts_failed}. */
        TTS_FAILED("tts_failed"),
        /** The recognition engine failed, crashed or produced unusable output: {@code stt_failed}. */
        STT_FAILED("stt_failed"),
        /** The synthesis engine did not answer in time and was stopped: {@code tts_timeout}. */
        TTS_TIMEOUT("tts_timeout"),
        /** The recognition engine did not answer in time and was stopped: {@code stt_timeout}. */
        STT_TIMEOUT("stt_timeout");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /**
         * The protocol error code.
         *
         * @return e.g. {@code "tts_failed"}
         */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String engine;

    /**
     * Creates the exception.
     *
     * @param kind    why it failed
     * @param engine  the engine's name, e.g. {@code "piper"}
     * @param message technical detail for the log (never shown to the child as is)
     * @param cause   the underlying exception, or {@code null}
     */
    public SpeechException(Kind kind, String engine, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.engine = engine;
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
     * The protocol error code of the kind.
     *
     * @return e.g. {@code "stt_timeout"}
     */
    public String code() {
        return kind.code();
    }

    /**
     * The engine that failed.
     *
     * @return its name
     */
    public String engine() {
        return engine;
    }
}
