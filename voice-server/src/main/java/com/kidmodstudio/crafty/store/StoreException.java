package com.kidmodstudio.crafty.store;

/**
 * The conversation store could not do what was asked: the database file is locked, damaged or
 * unwritable, the disk is full, or a statement failed. The message says so in one sentence,
 * naming the file; {@link #disk()} names a disk problem for {@code /status}.
 */
public final class StoreException extends RuntimeException {
    private final transient DiskProblem disk;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file
     * @param cause   the underlying failure, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates the exception for a failure of the disk.
     *
     * @param message what went wrong, naming the file and the problem
     * @param cause   the underlying failure, or {@code null}
     * @param disk    what the disk did wrong, or {@code null} when it is not the disk's
     */
    public StoreException(String message, Throwable cause, DiskProblem disk) {
        super(message, cause);
        this.disk = disk;
    }

    /**
     * What the disk did wrong.
     *
     * @return the problem, or {@code null} when the failure is not the disk's
     */
    public DiskProblem disk() {
        return disk;
    }
}
