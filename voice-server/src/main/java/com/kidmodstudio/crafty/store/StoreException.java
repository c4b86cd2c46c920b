package com.kidmodstudio.crafty.store;

/**
 * The conversation store could not do what was asked: the database file is locked, damaged or
 * unwritable, or a statement failed. The message says so in one sentence, naming the file.
 */
public final class StoreException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file
     * @param cause   the underlying failure, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
