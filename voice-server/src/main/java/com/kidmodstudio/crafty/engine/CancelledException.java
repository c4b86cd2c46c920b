package com.kidmodstudio.crafty.engine;

/**
 * Thrown out of engine work that stopped because its {@link Cancellation} was cancelled.
 * Not an error: callers report it as a cancelled stream, never as a failure. A reply cut short
 * carries what had been produced ({@link #partial()}), which the {@code cancelled} message reports.
 */
public class CancelledException extends RuntimeException {
    private final String partial;

    /**
     * Creates the exception.
     *
     * @param reason the cancellation reason
     */
    public CancelledException(String reason) {
        this(reason, null);
    }

    /**
     * Creates the exception of work cut short.
     *
     * @param reason  the cancellation reason
     * @param partial what had been produced, or {@code null}; empty counts as nothing
     */
    public CancelledException(String reason, String partial) {
        super(reason, null, false, false);
        this.partial = partial == null || partial.isEmpty() ? null : partial;
    }

    /**
     * What had been produced when the work stopped.
     *
     * @return the partial result, or {@code null} when there was none
     */
    public String partial() {
        return partial;
    }
}
