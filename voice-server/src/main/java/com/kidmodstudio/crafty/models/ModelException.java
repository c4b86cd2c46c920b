package com.kidmodstudio.crafty.models;

import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * A model could not be installed: {@code offline}, {@code disk_full}, {@code digest_mismatch},
 * {@code not_found} (or {@code internal} for a bug), with a short technical detail in English.
 */
public final class ModelException extends Exception {
    private final transient ErrorCode code;

    /**
     * Creates the exception.
     *
     * @param code   what went wrong
     * @param detail a short technical description
     */
    public ModelException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code   what went wrong
     * @param detail a short technical description
     * @param cause  the underlying failure
     */
    public ModelException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    /**
     * What went wrong.
     *
     * @return the error code
     */
    public ErrorCode code() {
        return code;
    }
}
