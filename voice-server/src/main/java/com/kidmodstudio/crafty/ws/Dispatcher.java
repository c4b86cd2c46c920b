package com.kidmodstudio.crafty.ws;

import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * Calls one connection's listener: one callback at a time, {@code onClose} exactly once, and
 * nothing after it. A callback that throws is logged, reported to {@code onError}, and the
 * connection is closed with 1011.
 */
final class Dispatcher {
    private static final Logger LOGGER = Logger.getLogger(Dispatcher.class.getName());

    private final WsSession session;
    private final WsListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    Dispatcher(WsSession session, WsListener listener) {
        this.session = session;
        this.listener = listener;
    }

    void open() {
        call(() -> listener.onOpen(session));
    }

    /**
     * Delivers a complete message.
     *
     * @param message a {@link String} or a {@code byte[]}
     */
    void message(Object message) {
        if (message instanceof String text) {
            call(() -> listener.onMessage(session, text, true));
        } else {
            call(() -> listener.onMessage(session, BufferData.create((byte[]) message), true));
        }
    }

    void ping(byte[] payload) {
        call(() -> listener.onPing(session, BufferData.create(payload)));
    }

    void pong(byte[] payload) {
        call(() -> listener.onPong(session, BufferData.create(payload)));
    }

    void tooLarge(boolean text, long bytes, int limit) {
        call(() -> ((SocketListener) listener).onTooLarge(session, text, bytes, limit));
    }

    /**
     * Whether the listener has work running; without locking, for the heartbeat.
     *
     * @return true when busy
     */
    boolean busy() {
        return listener instanceof SocketListener socketListener && socketListener.busy();
    }

    /**
     * Tells the listener the connection is closed, once.
     *
     * @param code   the close code
     * @param reason the reason
     */
    void closed(int code, String reason) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            listener.onClose(session, code, reason);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "WebSocket listener failed on close", e);
        } finally {
            lock.unlock();
        }
    }

    private void call(Runnable callback) {
        lock.lock();
        try {
            if (!closed) {
                callback.run();
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "WebSocket listener failed", e);
            try {
                listener.onError(session, e);
            } catch (RuntimeException again) {
                LOGGER.log(Level.FINE, "onError failed too", again);
            }
            session.close(WsCloseCodes.UNEXPECTED_CONDITION, "internal error");
        } finally {
            lock.unlock();
        }
    }
}
