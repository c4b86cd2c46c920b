package com.kidmodstudio.crafty.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.SocketContext;
import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * One upgraded WebSocket connection: its read loop, what it sends, its heartbeat and how it
 * closes. It stands in for Helidon 4.3's {@code WsConnection}, which decodes every text frame on
 * its own, never answers a ping, does not bound a fragmented message and writes on the caller's
 * thread without a lock.
 *
 * <p>The read loop runs on the connection's own (virtual) thread and hands complete messages to
 * the listener. Sending only queues ({@link SendQueue}); one writer thread writes. The shared
 * {@link Heartbeat} clock pings a silent client, closes one that does not answer, closes an idle
 * socket and one whose queue is too old. Every close the server starts sends a code and a reason,
 * tells the listener at once (so the running turn stops), waits at most {@code ws.close} for the
 * client's answer and then drops the TCP connection.
 */
final class SocketConnection implements ServerConnection, WsSession {
    private static final Logger LOGGER = Logger.getLogger(SocketConnection.class.getName());
    private static final Duration FLUSH_ON_STOP = Duration.ofMillis(100);

    private final ConnectionContext ctx;
    private final WsListener listener;
    private final Headers upgradeHeaders;
    private final SocketSettings settings;
    private final SendQueue queue;
    private final FrameReader reader;
    private final MessageJoiner joiner;
    private final Dispatcher dispatch;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Thread readThread;
    private final Watch watch;
    private volatile boolean ended;
    private volatile ScheduledFuture<?> deadline;

    SocketConnection(ConnectionContext ctx, WsListener listener, Headers upgradeHeaders, SocketSettings settings) {
        this.ctx = ctx;
        this.listener = listener;
        this.upgradeHeaders = upgradeHeaders;
        this.settings = settings;
        this.queue = new SendQueue(bytes -> ctx.dataWriter().writeNow(BufferData.create(bytes)), this::abort,
                                   settings.queueBytes(), settings.queueAge(), System::nanoTime);
        this.reader = new FrameReader(ctx.dataReader(), settings.hardBytes());
        this.joiner = new MessageJoiner(settings.textBytes(), settings.binaryBytes());
        this.dispatch = new Dispatcher(this, listener);
        this.watch = new Watch(settings, System.nanoTime());
    }

    /**
     * Runs the connection until it ends. Helidon's request concurrency limit does not apply to the
     * frames of an upgraded socket.
     *
     * @param limit not used
     */
    @Override
    public void handle(Limit limit) {
        readThread = Thread.currentThread();
        queue.start("ws-writer-" + ctx.childSocketId());
        ScheduledFuture<?> ticks = Heartbeat.every(settings.tick(), this::tick);
        try {
            dispatch.open();
            read();
        } finally {
            ended = true;
            ticks.cancel(false);
            ScheduledFuture<?> due = deadline;
            if (due != null) {
                due.cancel(false);
            }
            queue.stop();
            dispatch.closed(WsCloseCodes.CLOSED_ABNORMALLY, "connection lost");
        }
    }

    private void read() {
        try {
            while (true) {
                FrameReader.Header header = reader.next();
                watch.received(System.nanoTime());
                if (!frame(header)) {
                    return;
                }
            }
        } catch (Violation violation) {
            close(violation.code(), violation.getMessage());
            queue.awaitFinished(settings.close());
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "WebSocket connection ended", e);
        }
    }

    /** Handles one frame; false when the connection is done. */
    private boolean frame(FrameReader.Header header) throws Violation {
        switch (header.opcode()) {
            case Frames.PING -> {
                byte[] payload = reader.payload(header);
                queued(queue.control(Frames.PONG, payload));
                dispatch.ping(payload);
            }
            case Frames.PONG -> dispatch.pong(reader.payload(header));
            case Frames.CLOSE -> {
                closeReceived(Frames.parseClose(reader.payload(header)));
                return false;
            }
            case Frames.TEXT, Frames.BINARY -> {
                if (joiner.inProgress()) {
                    throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "new message before the previous one ended");
                }
                joiner.begin(header.opcode() == Frames.TEXT);
                data(header);
            }
            default -> {
                if (!joiner.inProgress()) {
                    throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
                }
                data(header);
            }
        }
        return true;
    }

    /**
     * A frame of a message. Within the limit it is joined; past the limit the message is dropped
     * (its frames skipped unread) and, when it has ended, the listener is told; past the hard cap,
     * or past the limit for a listener that cannot be told, the socket is closed with 1009.
     */
    private void data(FrameReader.Header header) throws Violation {
        boolean text = joiner.text();
        if (!joiner.overLimit(header.length())) {
            Object message = joiner.add(reader.payload(header), header.fin());
            if (message != null && !closing.get()) {
                watch.active(System.nanoTime());
                dispatch.message(message);
            }
            return;
        }
        long size = joiner.size() + header.length();
        if (size > settings.hardBytes() || !(listener instanceof SocketListener)) {
            int limit = size > settings.hardBytes() ? settings.hardBytes() : joiner.limit(text);
            throw new Violation(WsCloseCodes.TOO_BIG, (text ? "text" : "binary") + " message over " + limit + " bytes");
        }
        reader.skip(header);
        joiner.drop(header.length(), header.fin());
        if (header.fin() && !closing.get()) {
            watch.active(System.nanoTime());
            dispatch.tooLarge(text, size, joiner.limit(text));
        }
    }

    private void closeReceived(Frames.Closing closing) {
        if (this.closing.compareAndSet(false, true)) {
            boolean noCode = closing.code() == WsCloseCodes.NO_STATUS_CODE;
            queue.close(noCode ? Frames.EMPTY : Frames.closePayload(closing.code(), ""));
            dispatch.closed(closing.code(), closing.reason());
        }
        queue.awaitFinished(settings.close());
    }

    /** The heartbeat's check, on the shared clock thread; never blocks. */
    private void tick() {
        if (ended || closing.get()) {
            return;
        }
        long now = System.nanoTime();
        switch (watch.check(now, queue.oldest(), dispatch::busy)) {
            case PING -> {
                SendQueue.Offer offer = queue.control(Frames.PING, Frames.EMPTY);
                if (offer == SendQueue.Offer.QUEUED) {
                    watch.pinged(now);
                }
                queued(offer);
            }
            case SLOW -> close(WsCloseCodes.VIOLATED_POLICY, "client not reading");
            case SILENT -> close(WsCloseCodes.UNEXPECTED_CONDITION, "no pong");
            case IDLE -> close(WsCloseCodes.GOING_AWAY, "idle");
            case NOTHING -> {
            }
        }
    }

    /** Drops the TCP connection: the read loop and a blocked write end at once. */
    private void abort() {
        if (ended) {
            return;
        }
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException e) {
            Thread thread = readThread;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void queued(SendQueue.Offer offer) {
        if (offer == SendQueue.Offer.OVERFLOW) {
            close(WsCloseCodes.VIOLATED_POLICY, "client not reading");
        }
    }

    @Override
    public WsSession send(String text, boolean last) {
        SendQueue.Offer offer = queue.message(Frames.TEXT, last, text.getBytes(StandardCharsets.UTF_8));
        if (offer == SendQueue.Offer.QUEUED) {
            watch.active(System.nanoTime());
        }
        queued(offer);
        return this;
    }

    @Override
    public WsSession send(BufferData bufferData, boolean last) {
        SendQueue.Offer offer = queue.message(Frames.BINARY, last, bytes(bufferData));
        if (offer == SendQueue.Offer.QUEUED) {
            watch.active(System.nanoTime());
        }
        queued(offer);
        return this;
    }

    @Override
    public WsSession ping(BufferData bufferData) {
        queued(queue.control(Frames.PING, bytes(bufferData)));
        return this;
    }

    @Override
    public WsSession pong(BufferData bufferData) {
        queued(queue.control(Frames.PONG, bytes(bufferData)));
        return this;
    }

    /**
     * Closes the connection from the server's side: the close frame replaces whatever was still
     * queued, the listener hears of it at once, and the TCP connection is dropped when the client
     * has not answered within {@code ws.close}. Later calls do nothing.
     */
    @Override
    public WsSession close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return this;
        }
        LOGGER.fine(() -> "closing WebSocket " + ctx.childSocketId() + ": " + code + " " + reason);
        queue.close(Frames.closePayload(code, reason));
        deadline = Heartbeat.after(settings.close(), this::abort);
        if (Thread.currentThread() == readThread) {
            dispatch.closed(code, reason);
        } else {
            Thread.ofVirtual().name("ws-close").start(() -> dispatch.closed(code, reason));
        }
        return this;
    }

    @Override
    public WsSession terminate() {
        close(WsCloseCodes.NORMAL_CLOSE, "terminated");
        abort();
        return this;
    }

    @Override
    public Optional<String> subProtocol() {
        return upgradeHeaders.first(WsUpgrader.PROTOCOL);
    }

    @Override
    public SocketContext socketContext() {
        return ctx;
    }

    /** Time since the client last sent a frame; the heartbeat keeps it short for a live client. */
    @Override
    public Duration idleTime() {
        return Duration.ofNanos(watch.silence(System.nanoTime()));
    }

    /**
     * The server stops (or its idle sweeper finds the socket silent): close with 1001. Helidon
     * interrupts the read loop right after this returns, which drops the TCP connection, so the
     * close frame gets a moment to leave first.
     */
    @Override
    public void close(boolean interrupt) {
        close(WsCloseCodes.GOING_AWAY, "going away");
        queue.awaitFinished(FLUSH_ON_STOP);
        if (interrupt) {
            abort();
        }
    }

    private static byte[] bytes(BufferData data) {
        byte[] bytes = new byte[data.available()];
        data.read(bytes);
        return bytes;
    }
}
