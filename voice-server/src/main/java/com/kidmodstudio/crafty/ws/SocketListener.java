package com.kidmodstudio.crafty.ws;

import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * A {@link WsListener} that also hears what Crafty's connection knows beyond Helidon's listener
 * contract. Every message a listener receives is complete ({@code last} is always true), within
 * its limit, and text is valid UTF-8. Callbacks never run concurrently; {@link #onClose} is
 * called exactly once, possibly from another thread than the socket's read loop (when the server
 * closes a client that stopped reading, the running turn must stop at once), and no message is
 * delivered after it.
 */
public interface SocketListener extends WsListener {
    /**
     * A message was over its limit ({@code limits.text} or {@code limits.binary}): it was
     * dropped, its frames skipped unread, and the socket stays open. (A frame or message past the
     * hard cap {@code limits.hard} closes the socket with 1009 instead; so does any message over
     * its limit on a plain {@link WsListener}, which cannot be told.)
     *
     * @param session the socket
     * @param text    whether it was a text message
     * @param bytes   its size
     * @param limit   the limit it broke
     */
    void onTooLarge(WsSession session, boolean text, long bytes, int limit);

    /**
     * Whether work runs for this socket, such as a reply being generated; a busy socket is never
     * closed as idle. Called from the heartbeat thread; must be quick.
     *
     * @return true while busy
     */
    default boolean busy() {
        return false;
    }
}
