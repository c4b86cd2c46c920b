package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import com.kidmodstudio.crafty.engine.EngineHttp;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * Downloads one file of a model into {@code <name>.part} next to its target, resuming with
 * {@code Range} what an earlier attempt (or an earlier run of the sidecar) left, retrying after a
 * dropped or stalled connection, then checks the publisher's digest and moves the file into
 * place in one step. A server that ignores {@code Range} and answers 200 is fine: the file starts
 * again from zero.
 */
final class FileDownload {
    private static final Duration TICK = Duration.ofMillis(200);

    private final Supplier<HttpClient> http;
    private final DownloadSettings settings;

    FileDownload(Supplier<HttpClient> http, DownloadSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /**
     * Fetches, checks and installs one file.
     *
     * @param uri       where to get it
     * @param size      its size
     * @param digest    the publisher's digest
     * @param target    where it goes
     * @param progress  told the partial file's size as it grows
     * @param cancelled polled; when true the download stops
     * @throws ModelException  when it cannot be installed
     * @throws CancellationException when cancelled
     */
    void fetch(URI uri, long size, Digest digest, Path target, LongConsumer progress, BooleanSupplier cancelled)
            throws ModelException {
        Path part = ModelFiles.part(target);
        int failures = 0;
        while (true) {
            long have = sizeOf(part);
            if (have > size) {
                delete(part);
                have = 0;
            }
            if (have == size) {
                break;
            }
            progress.accept(have);
            try {
                attempt(uri, part, have, progress, cancelled);
                if (sizeOf(part) < size) {
                    throw new Dropped("the server ended the file after " + sizeOf(part) + " of " + size + " bytes");
                }
            } catch (Dropped e) {
                if (sizeOf(part) > have) {
                    failures = 0;
                }
                if (++failures > settings.retries()) {
                    throw new ModelException(ErrorCode.OFFLINE, "download of " + uri + " failed: " + e.getMessage(), e);
                }
                pause(cancelled);
            }
        }
        check(part, digest, uri);
        install(part, target);
    }

    private void attempt(URI uri, Path part, long have, LongConsumer progress, BooleanSupplier cancelled)
            throws Dropped, ModelException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.idle()).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        FileSink[] sink = new FileSink[1];
        boolean[] misplaced = new boolean[1];
        CompletableFuture<HttpResponse<Void>> response = http.get().sendAsync(request.build(), info -> {
            int status = info.statusCode();
            misplaced[0] = status == 206 && !startsAt(info, have);
            if (status != 200 && status != 206 || misplaced[0]) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            try {
                sink[0] = new FileSink(part, status == 206, progress);
            } catch (IOException e) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return HttpResponse.BodySubscribers.fromSubscriber(sink[0], s -> null);
        });
        HttpResponse<Void> answer = await(response, sink, cancelled);
        int status = answer.statusCode();
        if (misplaced[0]) {
            delete(part);
            throw new Dropped("the server answered a different range than asked for; starting again");
        }
        if (status == 404 || status == 410) {
            throw new ModelException(ErrorCode.NOT_FOUND, "HTTP " + status + " for " + uri);
        }
        if (status == 416) {
            delete(part);
            throw new Dropped("HTTP 416: the partial file did not fit the server's; starting again");
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new Dropped("HTTP " + status);
        }
        if (status != 200 && status != 206) {
            throw new ModelException(ErrorCode.NOT_FOUND, "HTTP " + status + " for " + uri);
        }
        if (sink[0] == null) {
            throw new ModelException(ErrorCode.DISK_FULL, "cannot write " + part);
        }
    }

    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> response, FileSink[] sink, BooleanSupplier cancelled)
            throws Dropped, ModelException {
        long idle = settings.idle().toNanos();
        long started = System.nanoTime();
        while (true) {
            try {
                return response.get(TICK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                FileSink current = sink[0];
                if (current != null && current.done().isCompletedExceptionally()) {
                    response.cancel(true);
                    failed(current.done());
                }
                long since = System.nanoTime() - (current == null ? started : current.lastActivity());
                if (cancelled.getAsBoolean()) {
                    stop(response, current, new CancellationException("cancelled"));
                    throw new CancellationException("cancelled");
                }
                if (since > idle) {
                    stop(response, current, new IOException("no data for " + settings.idle().toSeconds() + " s"));
                    throw new Dropped("no data for " + settings.idle().toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.cancel(true);
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof FileSink.WriteFailure) {
                    throw new ModelException(ErrorCode.DISK_FULL, "cannot write the model file: " + cause.getMessage(), cause);
                }
                throw new Dropped(cause == null ? e.toString() : cause.toString());
            }
        }
    }

    private static void failed(CompletableFuture<Void> done) throws Dropped, ModelException {
        try {
            done.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof FileSink.WriteFailure) {
                throw new ModelException(ErrorCode.DISK_FULL, "cannot write the model file: " + cause.getMessage(), cause);
            }
            throw new Dropped(cause.toString());
        }
    }

    private static void stop(CompletableFuture<?> response, FileSink sink, Exception reason) {
        if (sink != null) {
            sink.abort(reason);
        }
        response.cancel(true);
    }

    private static boolean startsAt(HttpResponse.ResponseInfo info, long have) {
        // Content-Range: bytes 1000-1999/2000
        String range = info.headers().firstValue("Content-Range").orElse("");
        return range.startsWith("bytes " + have + "-");
    }

    private void pause(BooleanSupplier cancelled) {
        long end = System.nanoTime() + settings.retryDelay().toNanos();
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            try {
                Thread.sleep(Math.min(TICK.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }

    private static void check(Path part, Digest digest, URI uri) throws ModelException {
        MessageDigest hasher = digest.hasher();
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                hasher.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ModelException(ErrorCode.INTERNAL, "cannot read " + part + ": " + e.getMessage(), e);
        }
        if (!digest.matches(hasher.digest())) {
            delete(part);
            throw new ModelException(ErrorCode.DIGEST_MISMATCH, uri + " does not match its " + digest.algorithm()
                    + " digest " + digest.hex() + "; the file was deleted");
        }
    }

    private static void install(Path part, Path target) throws ModelException {
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ModelException(ErrorCode.INTERNAL, "cannot move " + part + " into place: " + e.getMessage(), e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a file that cannot be deleted is written over by the next attempt
        }
    }

    /** The connection dropped, stalled or the server had a passing problem: worth another attempt. */
    private static final class Dropped extends Exception {
        Dropped(String message) {
            super(message, null, false, false);
        }
    }
}
