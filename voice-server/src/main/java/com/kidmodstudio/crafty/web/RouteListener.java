package com.kidmodstudio.crafty.web;

import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.ws.SocketListener;

/**
 * What every Crafty WebSocket route does the same way, in one place: the access check on the
 * upgrade, an optional {@code ?sessionId=}, decoding with the route's {@link Inbound}, typed
 * errors that leave the socket usable (a message over its limit included), {@code stop} and
 * {@code ping}, and cancelling the running turn when the socket closes, whoever closes it.
 * A route supplies its actions in {@link #handle} and, if it takes audio, {@link #binary}.
 * The connection underneath ({@code com.kidmodstudio.crafty.ws}) delivers whole, valid messages
 * within the limits, answers pings, and closes dead, idle and slow sockets. One instance per
 * connection; its callbacks never run concurrently.
 */
abstract class RouteListener implements SocketListener {
    /** Replies in the configured language. */
    protected final ChatResponder responder;
    /** The one turn this socket may run. */
    protected final TurnSlot turns;
    /** The sending side; set when the socket opens. */
    protected Outbound out;
    /** The session id given in the URL, or {@code null}. */
    protected String requestedSession;

    private final AccessGuard guard;
    private final Inbound inbound;

    RouteListener(String name, Inbound inbound, RouteContext context) {
        this.responder = context.responder();
        this.guard = context.guard();
        this.inbound = inbound;
        this.turns = new TurnSlot(name);
    }

    /** Called once the socket is open and {@link #out} is set. */
    abstract void opened();

    /**
     * Handles a decoded message other than {@code stop} and {@code ping}.
     *
     * @param message the message
     * @throws ProtocolException to answer with a typed error
     */
    abstract void handle(ClientMessage message) throws ProtocolException;

    /**
     * Handles one complete binary message; by default binary data is refused.
     *
     * @param bytes the message
     * @throws ProtocolException to answer with a typed error
     */
    void binary(byte[] bytes) throws ProtocolException {
        throw new ProtocolException(ErrorCode.UNEXPECTED_BINARY, "this route takes JSON text messages only", null);
    }

    /** Called when the socket is gone, after the running turn was cancelled. */
    void closed() {
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<Headers> response = guard.upgrade(prologue, headers);
        requestedSession = prologue.query().first("sessionId").filter(Inbound::validSessionId).orElse(null);
        return response;
    }

    @Override
    public void onOpen(WsSession session) {
        out = new Outbound(session);
        opened();
    }

    @Override
    public void onMessage(WsSession session, String message, boolean last) {
        try {
            switch (inbound.decode(message)) {
                case ClientMessage.Stop stop -> out.send(new ServerMessage.Stopped(stop.requestId(), turns.cancel("stop")));
                case ClientMessage.Ping ping -> out.send(new ServerMessage.Pong(ping.requestId(), ping.t(),
                                                                                System.currentTimeMillis()));
                case ClientMessage other -> handle(other);
            }
        } catch (ProtocolException e) {
            out.send(responder.error(e.code(), e.getMessage(), e.requestId()));
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        byte[] message = new byte[buffer.available()];
        buffer.read(message);
        try {
            binary(message);
        } catch (ProtocolException e) {
            out.send(responder.error(e.code(), e.getMessage(), e.requestId()));
        }
    }

    @Override
    public void onTooLarge(WsSession session, boolean text, long bytes, int limit) {
        out.send(responder.error(ErrorCode.TOO_LARGE, (text ? "text" : "binary") + " message of " + bytes
                + " bytes is over the limit of " + limit + " bytes", null));
    }

    @Override
    public boolean busy() {
        return turns.busy();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        gone();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        gone();
    }

    private void gone() {
        if (out != null) {
            out.closed();
        }
        turns.close();
        closed();
    }

    /**
     * What the routes share.
     *
     * @param responder replies and errors in the configured language
     * @param guard     checks upgrades
     */
    record RouteContext(ChatResponder responder, AccessGuard guard) {
    }
}
