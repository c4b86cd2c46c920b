package com.kidmodstudio.crafty.speech;

/** Why a request to a {@link ManagedProcess} failed. */
public final class ProcessFailure extends Exception {

    /** The kinds of failure. */
    public enum Kind {
        /** The executable could not be started. */
        START,
        /** The process exited (crashed) before answering. */
        EXIT,
        /** No answer in time; the process was killed. */
        TIMEOUT,
        /** The manager has been closed. */
        CLOSED
    }

    private final Kind kind;

    /**
     * Creates the failure.
     *
     * @param kind    what went wrong
     * @param message detail for the log
     */
    public ProcessFailure(Kind kind, String message) {
        super(message.strip(), null, false, false);
        this.kind = kind;
    }

    /**
     * What went wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
