package com.kidmodstudio.crafty.ws;

/**
 * A client broke the protocol or a limit; the connection is closed with {@link #code()} and the
 * message as the reason.
 */
final class Violation extends Exception {
    private final int code;

    /**
     * Creates a violation.
     *
     * @param code   the close code to send
     * @param reason a short reason, sent in the close frame
     */
    Violation(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /**
     * The close code to send.
     *
     * @return the code
     */
    int code() {
        return code;
    }
}
