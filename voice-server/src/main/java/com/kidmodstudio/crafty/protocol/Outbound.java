package com.kidmodstudio.crafty.protocol;

import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

import com.kidmodstudio.crafty.engine.Cancellation;

/**
 * The sending side of one WebSocket connection: JSON text frames for control messages, binary
 * frames for audio. Safe to call from several threads: a voice turn sends text from the language
 * model's thread and audio from the speech thread. Every frame is handed to the session under
 * this class's lock, so frames from several threads never interleave, whatever the session:
 * Crafty's connection ({@code com.kidmodstudio.crafty.ws}) only queues them for its one writer
 * and never blocks, while Helidon 4.3's own session writes through one shared buffer without a
 * lock. Once the peer is gone or the socket is closed (a client that stops reading is closed by
 * the server), every send is a no-op that returns {@code false}, so a turn running on another
 * thread can finish without errors.
 */
public final class Outbound {
    private static final Logger LOGGER = Logger.getLogger(Outbound.class.getName());

    private final WsSession session;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean open = true;

    /**
     * Wraps a session.
     *
     * @param session the Helidon WebSocket session
     */
    public Outbound(WsSession session) {
        this.session = session;
    }

    /**
     * Sends one control message.
     *
     * @param message the message
     * @return whether it was written
     */
    public boolean send(ServerMessage message) {
        return send(message, null);
    }

    /**
     * Sends one message of a turn, unless the turn has been cancelled. The check happens under
     * the lock that orders the frames, and a stop cancels the turn before it answers, so nothing
     * of a stopped turn follows the answer to the stop.
     *
     * @param message the message
     * @param turn    the turn's cancellation, or {@code null} for a message outside a turn
     * @return whether it was written
     */
    public boolean send(ServerMessage message, Cancellation turn) {
        if (!open) {
            return false;
        }
        String json = Json.write(message);
        return write(() -> session.send(json, true), turn);
    }

    /**
     * Sends one binary audio frame of a turn, unless the turn has been cancelled.
     *
     * @param pcm  the audio bytes
     * @param turn the turn's cancellation
     * @return whether it was written
     */
    public boolean sendAudio(byte[] pcm, Cancellation turn) {
        if (!open) {
            return false;
        }
        return write(() -> session.send(BufferData.create(pcm), true), turn);
    }

    private boolean write(Runnable frame, Cancellation turn) {
        lock.lock();
        try {
            if (!open || (turn != null && turn.isCancelled())) {
                return false;
            }
            frame.run();
            return true;
        } catch (RuntimeException e) {
            lost(e);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection with a code and a short reason; nothing is sent afterwards.
     *
     * @param code   a WebSocket close code
     * @param reason a short reason (at most 123 bytes of UTF-8)
     */
    public void close(int code, String reason) {
        if (!open) {
            return;
        }
        lock.lock();
        try {
            open = false;
            session.close(code, reason);
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "close failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the connection gone (the peer closed it); later sends are no-ops. */
    public void closed() {
        open = false;
    }

    /**
     * Whether sends still go out.
     *
     * @return false once closed
     */
    public boolean isOpen() {
        return open;
    }

    private void lost(RuntimeException e) {
        open = false;
        LOGGER.log(Level.FINE, "peer gone while sending", e);
    }
}
