package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Writes one HTTP response body into a partial file as it arrives, appending (a resumed
 * download) or from the start. Completes {@link #done()} when the body ends, fails or is
 * aborted; the file is closed before that. A write that fails (a full disk) is a
 * {@link WriteFailure}, so the caller can tell it from a dropped connection.
 */
final class FileSink implements Flow.Subscriber<List<ByteBuffer>> {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final FileChannel channel;
    private final LongConsumer written;
    private volatile long lastActivity = System.nanoTime();
    private volatile Flow.Subscription subscription;
    private long bytes;

    /**
     * Opens the partial file.
     *
     * @param part    the partial file
     * @param append  keep what is there and append; else start from zero
     * @param written told the file's size after every write
     * @throws IOException when the file cannot be opened
     */
    FileSink(Path part, boolean append, LongConsumer written) throws IOException {
        this.channel = append
                ? FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                   StandardOpenOption.TRUNCATE_EXISTING);
        this.bytes = channel.size();
        this.written = written;
    }

    /** @return completes when the body has been written, or fails */
    CompletableFuture<Void> done() {
        return done;
    }

    /** @return {@link System#nanoTime()} of the last bytes received */
    long lastActivity() {
        return lastActivity;
    }

    /**
     * Stops receiving: cancels the body and fails {@link #done()} with the reason.
     *
     * @param reason why
     */
    void abort(Exception reason) {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        finish(reason);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (done.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivity = System.nanoTime();
        try {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    bytes += channel.write(buffer);
                }
            }
        } catch (IOException e) {
            abort(new WriteFailure(e));
            return;
        }
        written.accept(bytes);
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        finish(throwable);
    }

    @Override
    public void onComplete() {
        finish(null);
    }

    private synchronized void finish(Throwable failure) {
        if (done.isDone()) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure = failure == null ? new WriteFailure(e) : failure;
        }
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    /** Writing to the partial file failed. */
    static final class WriteFailure extends IOException {
        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
