package com.kidmodstudio.crafty.protocol;

import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

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
        if (!open) {
            return false;
        }
        String json = Json.write(message);
        lock.lock();
        try {
            if (!open) {
                return false;
            }
            session.send(json, true);
            return true;
        } catch (RuntimeException e) {
            lost(e);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one binary audio frame.
     *
     * @param pcm the audio bytes
     * @return whether it was written
     */
    public boolean sendAudio(byte[] pcm) {
        if (!open) {
            return false;
        }
        lock.lock();
        try {
            if (!open) {
                return false;
            }
            session.send(BufferData.create(pcm), true);
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
