package com.kidmodstudio.crafty.protocol;

/**
 * A client message that cannot be accepted. Carries the error code to send back and the
 * {@code requestId} of the message, when one could be read, so the reply can be correlated.
 */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String requestId;

    /**
     * Creates the exception.
     *
     * @param code      the error code to report
     * @param detail    what exactly is wrong, in English, for developers
     * @param requestId the message's {@code requestId}, or {@code null}
     */
    public ProtocolException(ErrorCode code, String detail, String requestId) {
        super(detail, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    /**
     * The error code.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * The offending message's {@code requestId}.
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }
}
