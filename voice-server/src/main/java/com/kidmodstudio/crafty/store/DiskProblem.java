package com.kidmodstudio.crafty.store;

import org.sqlite.SQLiteException;

/**
 * What the disk under the history did wrong, named for {@code /status} and for the detail of a
 * {@code store_failed} error, instead of the statement SQLite happened to be running (a full disk
 * used to read "cannot commit - no transaction is active").
 */
public enum DiskProblem {
    /** {@code SQLITE_FULL}: no space left for the database or its write-ahead log. */
    FULL("disk_full", "the disk is full"),
    /** {@code SQLITE_IOERR_*}: the operating system could not read or write the file. */
    FAILING("disk_error", "the disk could not be read or written");

    private final String status;
    private final String text;

    DiskProblem(String status, String text) {
        this.status = status;
        this.text = text;
    }

    /**
     * The store's {@code status} on {@code GET /status} while writes fail with this problem.
     *
     * @return {@code disk_full} or {@code disk_error}
     */
    public String status() {
        return status;
    }

    /**
     * The problem in words, for messages.
     *
     * @return e.g. "the disk is full"
     */
    public String text() {
        return text;
    }

    /**
     * The problem behind a failure, also when it hides in a cause or a suppressed exception.
     *
     * @param failure what SQLite threw
     * @return the problem, or {@code null} when it is not the disk's
     */
    static DiskProblem of(Throwable failure) {
        if (failure == null) {
            return null;
        }
        if (failure instanceof SQLiteException sqlite) {
            String code = sqlite.getResultCode().name();
            if (code.startsWith("SQLITE_FULL")) {
                return FULL;
            }
            if (code.startsWith("SQLITE_IOERR")) {
                return FAILING;
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            DiskProblem problem = of(suppressed);
            if (problem != null) {
                return problem;
            }
        }
        return failure.getCause() == failure ? null : of(failure.getCause());
    }
}
