package com.kidmodstudio.crafty.ws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What one connection still has to send, written to the socket by one writer thread, so that
 * sending never blocks the thread that sends: a language model's reader, a speech engine, the
 * heartbeat or the socket's read loop. Frames leave in the order they were queued (text and audio
 * of one turn stay in order); control frames (pong, ping) go ahead of queued messages, as RFC 6455
 * allows. The queue is bounded in bytes and in age: a frame that would take it
 * past {@code maxBytes}, or a frame queued while the oldest one has waited longer than
 * {@code maxAge}, is refused with {@link Offer#OVERFLOW}, and the connection closes the client.
 * After {@link #close(byte[])} only the close frame is written, then nothing more.
 */
final class SendQueue {
    private final Consumer<byte[]> socket;
    private final Runnable writeFailed;
    private final long maxBytes;
    private final long maxAgeNanos;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Item> control = new ArrayDeque<>();
    private final ArrayDeque<Item> data = new ArrayDeque<>();
    private Item writing;
    private long bytes;
    private boolean continuing;
    private boolean closing;
    private boolean finished;

    /**
     * Creates an empty queue.
     *
     * @param socket      writes one frame, blocking; throws when the connection is gone
     * @param writeFailed called once when a write failed
     * @param maxBytes    most bytes queued, the frame being written included
     * @param maxAge      longest time the oldest frame may wait
     * @param clock       the time in nanoseconds: {@link System#nanoTime()}, or a test's clock
     */
    SendQueue(Consumer<byte[]> socket, Runnable writeFailed, long maxBytes, Duration maxAge, LongSupplier clock) {
        this.socket = socket;
        this.writeFailed = writeFailed;
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = clock;
    }

    /**
     * Starts the writer, a virtual thread that ends with the queue.
     *
     * @param name the thread's name
     */
    void start(String name) {
        Thread.ofVirtual().name(name).start(this::drain);
    }

    /**
     * Queues a message frame.
     *
     * @param opcode  {@link Frames#TEXT} or {@link Frames#BINARY}; after a frame that did not end its
     *                message the frame becomes a continuation
     * @param fin     whether it ends its message
     * @param payload the payload
     * @return what became of it
     */
    Offer message(int opcode, boolean fin, byte[] payload) {
        lock.lock();
        try {
            Offer offer = admit(payload.length);
            if (offer == Offer.QUEUED) {
                int sent = continuing ? Frames.CONTINUATION : opcode;
                data.add(new Item(Frames.encode(sent, fin, payload), clock.getAsLong()));
                bytes += data.peekLast().frame().length;
                continuing = !fin;
                changed.signalAll();
            }
            return offer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a ping or a pong.
     *
     * @param opcode  {@link Frames#PING} or {@link Frames#PONG}
     * @param payload at most 125 bytes
     * @return what became of it
     */
    Offer control(int opcode, byte[] payload) {
        lock.lock();
        try {
            Offer offer = admit(payload.length);
            if (offer == Offer.QUEUED) {
                control.add(new Item(Frames.encode(opcode, true, payload), clock.getAsLong()));
                bytes += control.peekLast().frame().length;
                changed.signalAll();
            }
            return offer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops every frame not yet being written and queues the close frame as the last one.
     *
     * @param payload the close frame's payload
     * @return false when the queue was already closing
     */
    boolean close(byte[] payload) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            closing = true;
            control.clear();
            data.clear();
            Item close = new Item(Frames.encode(Frames.CLOSE, true, payload), clock.getAsLong());
            control.add(close);
            bytes = close.frame().length + (writing == null ? 0 : writing.frame().length);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * When the oldest frame not yet completely written was queued.
     *
     * @return its time on the queue's clock, or {@code 0} when nothing waits
     */
    long oldest() {
        lock.lock();
        try {
            return oldestQueued();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the close frame has been written or the writer has ended.
     *
     * @param timeout how long to wait at most
     * @return whether the writer is done
     */
    boolean awaitFinished(Duration timeout) {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!finished && left > 0) {
                left = changed.awaitNanos(left);
            }
            return finished;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finished;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the writer; nothing more is written. A write in progress ends when the socket closes. */
    void stop() {
        lock.lock();
        try {
            closing = true;
            finished = true;
            control.clear();
            data.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Offer admit(int payloadBytes) {
        if (closing || finished) {
            return Offer.CLOSED;
        }
        long oldest = oldestQueued();
        if (oldest != 0 && (bytes + payloadBytes > maxBytes || clock.getAsLong() - oldest > maxAgeNanos)) {
            return Offer.OVERFLOW;
        }
        return Offer.QUEUED;
    }

    private long oldestQueued() {
        long oldest = 0;
        for (Item item : new Item[] {writing, control.peekFirst(), data.peekFirst()}) {
            if (item != null && (oldest == 0 || item.queued() - oldest < 0)) {
                oldest = item.queued();
            }
        }
        return oldest;
    }

    private void drain() {
        while (true) {
            Item item;
            lock.lock();
            try {
                while (!finished && control.isEmpty() && data.isEmpty()) {
                    changed.awaitUninterruptibly();
                }
                if (finished) {
                    return;
                }
                item = control.isEmpty() ? data.poll() : control.poll();
                writing = item;
            } finally {
                lock.unlock();
            }
            boolean written = write(item);
            lock.lock();
            try {
                writing = null;
                bytes -= item.frame().length;
                if (!written || closing && control.isEmpty() && data.isEmpty()) {
                    finished = true;
                    control.clear();
                    data.clear();
                    bytes = 0;
                }
                changed.signalAll();
                if (finished) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean write(Item item) {
        try {
            socket.accept(item.frame());
            return true;
        } catch (RuntimeException e) {
            writeFailed.run();
            return false;
        }
    }

    /** What became of a frame offered to the queue. */
    enum Offer {
        /** It will be sent. */
        QUEUED,
        /** The connection is closing; it was dropped. */
        CLOSED,
        /** The client does not read fast enough; it was dropped and the client must be closed. */
        OVERFLOW
    }

    private record Item(byte[] frame, long queued) {
    }
}
