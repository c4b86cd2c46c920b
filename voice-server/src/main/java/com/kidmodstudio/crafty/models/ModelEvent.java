package com.kidmodstudio.crafty.models;

import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * What the {@link ModelManager} tells every panel: progress while a model downloads, then
 * exactly one of installed, failed or cancelled; and deleted.
 */
public sealed interface ModelEvent {
    /**
     * The model concerned.
     *
     * @return its catalog id
     */
    String modelId();

    /**
     * Bytes of a model on disk so far. Within one download {@code bytes} never decreases, except
     * when the server ignored a resume and the file started again from zero.
     *
     * @param modelId        the model
     * @param file           the file being downloaded
     * @param bytes          bytes of the whole model on disk
     * @param total          the model's size
     * @param bytesPerSecond the recent speed, 0 when not yet known
     * @param secondsLeft    estimated time left, or {@code null} while the speed is unknown
     */
    record Progress(String modelId, String file, long bytes, long total, long bytesPerSecond, Long secondsLeft)
            implements ModelEvent {
    }

    /**
     * Every file is in place and matches its digest.
     *
     * @param modelId the model
     * @param model   where its files are
     */
    record Installed(String modelId, InstalledModel model) implements ModelEvent {
    }

    /**
     * The download failed; a partial file is kept when a later attempt can resume it.
     *
     * @param modelId the model
     * @param code    {@code offline}, {@code disk_full}, {@code digest_mismatch}, {@code not_found} or {@code internal}
     * @param detail  a short technical description
     */
    record Failed(String modelId, ErrorCode code, String detail) implements ModelEvent {
    }

    /**
     * The parent cancelled the download; its partial file is deleted.
     *
     * @param modelId the model
     */
    record Cancelled(String modelId) implements ModelEvent {
    }

    /**
     * The model's files were deleted.
     *
     * @param modelId the model
     */
    record Deleted(String modelId) implements ModelEvent {
    }
}
