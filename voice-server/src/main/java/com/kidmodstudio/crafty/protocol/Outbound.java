package com.kidmodstudio.crafty.protocol;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

/**
 * The sending side of one WebSocket connection: JSON text frames for control messages, binary
 * frames for audio. Safe to call from several threads (Helidon serialises frames). Once the peer
 * is gone or the server closed the socket, every send is a no-op that returns {@code false}, so a
 * turn running on another thread can finish without errors.
 */
public final class Outbound {
    private static final Logger LOGGER = Logger.getLogger(Outbound.class.getName());

    private final WsSession session;
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
        try {
            session.send(json, true);
            return true;
        } catch (RuntimeException e) {
            lost(e);
            return false;
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
        try {
            session.send(BufferData.create(pcm), true);
            return true;
        } catch (RuntimeException e) {
            lost(e);
            return false;
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
        open = false;
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "close failed", e);
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
