package com.kidmodstudio.crafty.engine;

/**
 * Thrown out of engine work that stopped because its {@link Cancellation} was cancelled.
 * Not an error: callers report it as a cancelled stream, never as a failure.
 */
public class CancelledException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param reason the cancellation reason
     */
    public CancelledException(String reason) {
        super(reason, null, false, false);
    }
}
