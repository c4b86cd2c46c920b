package com.kidmodstudio.crafty.web;

import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.chat.Texts;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * WebSocket {@code /chat}: text in, Crafty's reply streamed back token by token. One instance per
 * connection; it only wires the socket to the protocol and the {@link ChatResponder}.
 */
public final class ChatRoute implements WsListener {
    private static final Inbound INBOUND = Inbound.chat();

    private final ChatResponder responder;
    private final Conversations conversations;
    private final AccessGuard guard;
    private final MessageAssembler assembler;
    private final TurnSlot turns = new TurnSlot("chat");

    private volatile String requestedSession;
    private volatile Conversation conversation;
    private Outbound out;

    /**
     * Creates the listener of one connection.
     *
     * @param responder     answers the child
     * @param conversations where conversations are kept
     * @param guard         checks the upgrade
     * @param maxTextBytes  largest accepted text message
     */
    public ChatRoute(ChatResponder responder, Conversations conversations, AccessGuard guard, int maxTextBytes) {
        this.responder = responder;
        this.conversations = conversations;
        this.guard = guard;
        this.assembler = new MessageAssembler(maxTextBytes);
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
        Conversations.Opened opened = conversations.open(requestedSession);
        conversation = opened.conversation();
        out.send(ServerMessage.Assistant.welcome(Texts.welcome(responder.language(), opened.resumed()),
                                                 conversation.id(), opened.resumed()));
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        String message;
        try {
            message = assembler.add(text, last);
        } catch (MessageAssembler.TooLargeException e) {
            out.send(responder.error(ErrorCode.TOO_LARGE, e.getMessage(), null));
            return;
        }
        if (message == null) {
            return;
        }
        try {
            switch (INBOUND.decode(message)) {
                case ClientMessage.Chat chat -> {
                    Conversation current = conversationFor(chat.sessionId());
                    turns.start(chat.requestId(),
                                cancel -> responder.respond(current, chat.payload(), chat.requestId(), out, cancel));
                }
                case ClientMessage.Stop stop -> out.send(new ServerMessage.Stopped(stop.requestId(), turns.cancel("stop")));
                case ClientMessage.Ping ping -> out.send(new ServerMessage.Pong(ping.requestId(), ping.t(),
                                                                                System.currentTimeMillis()));
                default -> throw new IllegalStateException("Inbound.chat() decoded a foreign action");
            }
        } catch (ProtocolException e) {
            out.send(responder.error(e.code(), e.getMessage(), e.requestId()));
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (last) {
            out.send(responder.error(ErrorCode.UNEXPECTED_BINARY, "/chat takes JSON text messages only", null));
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        out.closed();
        turns.close();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        out.closed();
        turns.close();
    }

    private Conversation conversationFor(String sessionId) {
        if (sessionId != null && !sessionId.equals(conversation.id())) {
            conversation = conversations.open(sessionId).conversation();
        }
        return conversation;
    }
}
