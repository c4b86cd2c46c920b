package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * One model's download, shared by everyone who asked for it: checks the free space first, then
 * fetches its files one after the other, skipping those already installed, and completes
 * {@link #result()} with the installed model, a {@link ModelException}, or a
 * {@link CancellationException}. Runs on a virtual thread of its own, so no turn ever waits for it.
 */
final class ModelJob {
    /** Room left free on the disk besides the model itself. */
    static final long SLACK = 8L * 1024 * 1024;

    private final Catalog.Model model;
    private final Path directory;
    private final DownloadSettings settings;
    private final FileDownload download;
    private final FreeSpace freeSpace;
    private final Consumer<ModelEvent> events;
    private final CompletableFuture<InstalledModel> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    ModelJob(Catalog.Model model, Path directory, DownloadSettings settings, FileDownload download, FreeSpace freeSpace,
             Consumer<ModelEvent> events) {
        this.model = model;
        this.directory = directory;
        this.settings = settings;
        this.download = download;
        this.freeSpace = freeSpace;
        this.events = events;
    }

    /** @return completes when the job ends */
    CompletableFuture<InstalledModel> result() {
        return result;
    }

    /** Asks the job to stop; it deletes its partial file and ends with a cancellation. */
    void cancel() {
        cancelled = true;
    }

    /** Runs the download; call once, on its own thread. */
    void run() {
        try {
            result.complete(install());
        } catch (CancellationException e) {
            for (Catalog.ModelFile file : model.files()) {
                FileDownload.delete(ModelFiles.part(directory.resolve(file.name())));
            }
            result.completeExceptionally(e);
        } catch (ModelException e) {
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(new ModelException(ErrorCode.INTERNAL, e.toString(), e));
        }
    }

    private InstalledModel install() throws ModelException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ModelException(ErrorCode.DISK_FULL, "cannot create " + directory + ": " + e.getMessage(), e);
        }
        checkSpace();
        ProgressMeter meter = new ProgressMeter(model.id(), model.sizeBytes(), 150_000_000L, System::nanoTime, events);
        long before = 0;
        List<Path> files = new ArrayList<>();
        for (Catalog.ModelFile file : model.files()) {
            if (cancelled) {
                throw new CancellationException("cancelled");
            }
            Path target = directory.resolve(file.name());
            long done = before;
            if (FileDownload.sizeOf(target) != file.size()) {
                download.fetch(settings.source(file), file.size(), Digest.parse(file.digest()), target,
                               bytes -> meter.update(file.name(), done + bytes), () -> cancelled);
            }
            before += file.size();
            meter.update(file.name(), before);
            files.add(target);
        }
        return new InstalledModel(model.id(), model.role(), List.copyOf(model.languages()), List.copyOf(files));
    }

    private void checkSpace() throws ModelException {
        long needed = 0;
        for (Catalog.ModelFile file : model.files()) {
            Path target = directory.resolve(file.name());
            if (FileDownload.sizeOf(target) != file.size()) {
                needed += Math.max(0, file.size() - FileDownload.sizeOf(ModelFiles.part(target)));
            }
        }
        long free;
        try {
            free = freeSpace.usable(directory);
        } catch (IOException e) {
            return;
        }
        if (needed > 0 && free < needed + SLACK) {
            throw new ModelException(ErrorCode.DISK_FULL, model.id() + " needs " + megabytes(needed + SLACK)
                    + " MB, but only " + megabytes(free) + " MB are free in " + directory);
        }
    }

    private static long megabytes(long bytes) {
        return (bytes + 999_999) / 1_000_000;
    }
}
