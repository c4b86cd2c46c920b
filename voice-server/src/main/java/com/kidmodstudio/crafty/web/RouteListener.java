package com.kidmodstudio.crafty.web;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * What every Crafty WebSocket route does the same way, in one place: the access check on the
 * upgrade, an optional {@code ?sessionId=}, joining fragmented messages within the limits,
 * decoding with the route's {@link Inbound}, typed errors that leave the socket usable,
 * {@code stop} and {@code ping}, and cancelling the running turn when the socket closes.
 * A route supplies its actions in {@link #handle} and, if it takes audio, {@link #binary}.
 * One instance per connection, called from that connection's read loop.
 */
abstract class RouteListener implements WsListener {
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
    private final MessageAssembler text;
    private final int maxBinaryBytes;
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private boolean binaryOverflow;

    RouteListener(String name, Inbound inbound, RouteContext context) {
        this.responder = context.responder();
        this.guard = context.guard();
        this.inbound = inbound;
        this.text = new MessageAssembler(context.maxTextBytes());
        this.maxBinaryBytes = context.maxBinaryBytes();
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
    public void onMessage(WsSession session, String frame, boolean last) {
        String message;
        try {
            message = text.add(frame, last);
        } catch (MessageAssembler.TooLargeException e) {
            out.send(responder.error(ErrorCode.TOO_LARGE, e.getMessage(), null));
            return;
        }
        if (message == null) {
            return;
        }
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
        if (!binaryOverflow) {
            byte[] chunk = new byte[buffer.available()];
            buffer.read(chunk);
            if (binary.size() + (long) chunk.length > maxBinaryBytes) {
                binaryOverflow = true;
                binary.reset();
            } else {
                binary.writeBytes(chunk);
            }
        }
        if (!last) {
            return;
        }
        boolean overflow = binaryOverflow;
        byte[] message = binary.toByteArray();
        binary.reset();
        binaryOverflow = false;
        try {
            if (overflow) {
                throw new ProtocolException(ErrorCode.TOO_LARGE,
                                            "binary message over the limit of " + maxBinaryBytes + " bytes", null);
            }
            binary(message);
        } catch (ProtocolException e) {
            out.send(responder.error(e.code(), e.getMessage(), e.requestId()));
        }
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
     * @param responder      replies and errors in the configured language
     * @param guard          checks upgrades
     * @param maxTextBytes   largest text message
     * @param maxBinaryBytes largest binary message
     */
    record RouteContext(ChatResponder responder, AccessGuard guard, int maxTextBytes, int maxBinaryBytes) {
    }
}
