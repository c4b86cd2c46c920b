package com.kidmodstudio.crafty.web;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.chat.SessionRequests;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * WebSocket {@code /chat}: text in, Crafty's reply streamed back token by token, in a saved
 * conversation that survives reconnects and restarts; {@code session:*} requests list, create,
 * switch, page, rename and delete conversations. One instance per connection; wiring only.
 */
public final class ChatRoute extends RouteListener<ClientMessage.ToChat> {
    private final ChatResponder responder;
    private final Conversations conversations;
    private final SessionRequests sessions;
    private volatile Conversation conversation;

    /**
     * Creates the listener of one connection.
     *
     * @param context       what the routes share
     * @param responder     answers in text
     * @param conversations where conversations are kept
     * @param sessions      answers the session requests
     */
    ChatRoute(RouteContext context, ChatResponder responder, Conversations conversations, SessionRequests sessions) {
        super("/chat", Inbound.chat(), context);
        this.responder = responder;
        this.conversations = conversations;
        this.sessions = sessions;
    }

    @Override
    void opened() {
        Conversations.Opened opened = conversations.open(requestedSession);
        conversation = opened.conversation();
        out.send(ServerMessage.Assistant.welcome(texts.welcome(opened.resumed()), conversation.id(), opened.resumed()));
    }

    @Override
    void handle(ClientMessage.ToChat message) {
        switch (message) {
            case ClientMessage.Chat chat -> {
                Conversation current = conversation(chat.sessionId());
                startTurn("chat", chat.requestId(), turn -> responder.respond(current, chat.payload(), turn));
            }
            case ClientMessage.SessionRequest request -> {
                SessionRequests.Outcome outcome = sessions.handle(request, conversation);
                conversation = outcome.current();
                out.send(outcome.reply());
            }
            case ClientMessage.Stop stop -> stop(stop);
            case ClientMessage.Ping ping -> pong(ping);
        }
    }

    @Override
    String sessionId() {
        Conversation current = conversation;
        return current == null ? requestedSession : current.id();
    }

    private Conversation conversation(String sessionId) {
        if (sessionId != null && !sessionId.equals(conversation.id())) {
            conversation = conversations.open(sessionId).conversation();
        }
        return conversation;
    }
}
