package com.kidmodstudio.crafty.protocol;

import java.util.Locale;

/**
 * Every error the server reports, with its wire code and category. Clients switch on the code;
 * the category says who can fix it: the network/engine setup, the request, or the engine itself.
 */
public enum ErrorCode {
    /** The message is not valid JSON, or not a JSON object. */
    BAD_JSON(Category.INVALID_REQUEST),
    /** The {@code action} is missing or not one this route understands. */
    UNKNOWN_ACTION(Category.INVALID_REQUEST),
    /** A field is missing, empty or of the wrong type. */
    BAD_PAYLOAD(Category.INVALID_REQUEST),
    /** The message (or the audio) is over the configured limit. */
    TOO_LARGE(Category.INVALID_REQUEST),
    /** A binary frame arrived on a route that only takes text. */
    UNEXPECTED_BINARY(Category.INVALID_REQUEST),
    /** The language model server cannot be reached. */
    LLM_UNREACHABLE(Category.CONNECTIVITY),
    /** The configured model is not installed. */
    MODEL_MISSING(Category.ENGINE),
    /** The language model reported an error. */
    LLM_ERROR(Category.ENGINE),
    /** The language model did not answer in time. */
    LLM_TIMEOUT(Category.CONNECTIVITY),
    /** No text-to-speech engine is available. */
    TTS_UNAVAILABLE(Category.ENGINE),
    /** The text-to-speech engine failed. */
    TTS_FAILED(Category.ENGINE),
    /** The text-to-speech engine did not finish in time. */
    TTS_TIMEOUT(Category.ENGINE),
    /** No speech-to-text engine is available. */
    STT_UNAVAILABLE(Category.ENGINE),
    /** The speech-to-text engine failed. */
    STT_FAILED(Category.ENGINE),
    /** The only recogniser there is does not understand Crafty's language; the child should type. */
    STT_WRONG_LANGUAGE(Category.ENGINE),
    /** The speech-to-text engine did not finish in time. */
    STT_TIMEOUT(Category.ENGINE),
    /** Transcription was asked for without any audio. */
    NO_AUDIO(Category.INVALID_REQUEST),
    /** Binary audio arrived in a format the server cannot take. */
    BAD_AUDIO(Category.INVALID_REQUEST),
    /** A model download cannot reach its server, or the connection kept dropping. */
    OFFLINE(Category.CONNECTIVITY),
    /** There is not enough room on the disk for a model. */
    DISK_FULL(Category.ENGINE),
    /** A downloaded model file does not match its publisher's digest; it was deleted. */
    DIGEST_MISMATCH(Category.ENGINE),
    /** Something unexpected went wrong inside the server. */
    INTERNAL(Category.ENGINE),
    /**
     * A {@code session:*} request names a session that does not exist; on {@code /setup}, a model
     * the catalog does not have, or a file its server does not have (sent as {@code error} there).
     */
    NOT_FOUND(Category.INVALID_REQUEST, "session:error"),
    /** A {@code session:*} request has a field missing, empty, malformed or of the wrong type. */
    BAD_REQUEST(Category.INVALID_REQUEST, "session:error"),
    /** The conversation history could not be read or written. */
    STORE_FAILED(Category.ENGINE, "session:error"),
    /** The parent's quiet hours: no turn until they end ({@code opensAt}). */
    QUIET_HOURS(Category.PARENT),
    /** The parent's daily limit of talk time is used up: no turn until {@code opensAt}. */
    TIME_LIMIT(Category.PARENT),
    /** A {@code parent:*} request needs the PIN first, or the parent session expired (sent as {@code parent:error}). */
    PARENT_LOCKED(Category.INVALID_REQUEST, "parent:error"),
    /** The PIN was wrong; {@code triesLeft} says how many tries remain before a lock. */
    WRONG_PIN(Category.INVALID_REQUEST, "parent:error"),
    /** Too many wrong PINs: no try until {@code lockedUntil}. */
    PIN_LOCKED(Category.INVALID_REQUEST, "parent:error"),
    /** {@code parent:set_pin} when a PIN is already set, or a PIN that is not 4 to 12 digits. */
    PIN_REFUSED(Category.INVALID_REQUEST, "parent:error"),
    /** {@code parent:settings} with a value out of range; {@code error} names it. */
    BAD_SETTINGS(Category.INVALID_REQUEST, "parent:error"),
    /** {@code parent:conversation} or {@code parent:delete} names no conversation. */
    NO_CONVERSATION(Category.INVALID_REQUEST, "parent:error");

    /** Who can fix an error. */
    public enum Category {
        /** Reaching an engine failed: is it running? */
        CONNECTIVITY,
        /** The client sent something the server cannot take. */
        INVALID_REQUEST,
        /** An engine is missing or failed. */
        ENGINE,
        /** A parent's setting refuses it for now; only time (or a parent) changes that. */
        PARENT;

        /**
         * The wire name.
         *
         * @return e.g. {@code "invalid_request"}
         */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Category category;
    private final String messageType;

    ErrorCode(Category category) {
        this(category, "error");
    }

    ErrorCode(Category category, String messageType) {
        this.category = category;
        this.messageType = messageType;
    }

    /**
     * The wire code.
     *
     * @return e.g. {@code "llm_unreachable"}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Who can fix it.
     *
     * @return the category
     */
    public Category category() {
        return category;
    }

    /**
     * The {@code type} of the message that reports it: {@code error}, {@code session:error}
     * for the codes of the {@code session:*} requests, {@code parent:error} for the parent area's.
     *
     * @return the message type
     */
    public String messageType() {
        return messageType;
    }

    /**
     * Looks a wire code up.
     *
     * @param wire e.g. {@code "tts_unavailable"}
     * @return the code, or {@link #INTERNAL} when unknown
     */
    public static ErrorCode fromWire(String wire) {
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return INTERNAL;
        }
    }
}
