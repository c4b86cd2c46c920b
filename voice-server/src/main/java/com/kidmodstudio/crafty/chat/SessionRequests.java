package com.kidmodstudio.crafty.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.MessagePage;
import com.kidmodstudio.crafty.store.StoreException;
import com.kidmodstudio.crafty.store.StoredMessage;
import com.kidmodstudio.crafty.store.StoredSession;
import com.kidmodstudio.crafty.turn.Texts;

/**
 * Answers the {@code session:*} requests of {@code /chat}: list, create, switch, history,
 * rename, delete — which for the child only hides a conversation from the list; a parent still
 * reads it and deletes it in the parent area. Each is answered with exactly one message carrying the request's id: its
 * reply, or {@code session:error} with {@code not_found} or {@code store_failed}.
 */
public final class SessionRequests {
    /** Messages sent with {@code session:switch}. */
    public static final int SWITCH_PAGE = 50;
    private static final int WHOLE_PAGE = 1000;
    private static final Logger LOGGER = Logger.getLogger(SessionRequests.class.getName());

    private final Conversations conversations;
    private final Texts texts;

    /**
     * Creates the handler.
     *
     * @param conversations the conversations
     * @param texts         words errors in the configured language
     */
    public SessionRequests(Conversations conversations, Texts texts) {
        this.conversations = conversations;
        this.texts = texts;
    }

    /**
     * Answers one request.
     *
     * @param request the request
     * @param current the socket's current conversation
     * @return the reply, and the socket's current conversation afterwards
     */
    public Outcome handle(ClientMessage.SessionRequest request, Conversation current) {
        try {
            return switch (request) {
                case ClientMessage.SessionList list -> new Outcome(
                        new ServerMessage.SessionList(store().list().stream().map(SessionRequests::summary).toList(),
                                                      list.requestId()), current);
                case ClientMessage.SessionCreate create -> create(create);
                case ClientMessage.SessionSwitch switchTo -> switchTo(switchTo, current);
                case ClientMessage.SessionHistory history -> history(history, current);
                case ClientMessage.SessionRename rename -> rename(rename, current);
                case ClientMessage.SessionDelete delete -> visible(delete.sessionId()).isPresent() && store().hide(delete.sessionId())
                        ? new Outcome(new ServerMessage.SessionDeleted(delete.sessionId(), true, delete.requestId()), current)
                        : notFound(delete.sessionId(), delete.requestId(), current);
            };
        } catch (StoreException e) {
            LOGGER.log(Level.WARNING, "session request failed: " + e.getMessage(), e);
            return new Outcome(texts.error(ErrorCode.STORE_FAILED, e.getMessage(), request.requestId()), current);
        }
    }

    private Outcome create(ClientMessage.SessionCreate create) {
        StoredSession created = conversations.create(create.title(), create.model());
        return new Outcome(new ServerMessage.SessionCreated(summary(created), create.requestId()),
                           conversations.conversation(created.id()));
    }

    private Outcome switchTo(ClientMessage.SessionSwitch request, Conversation current) {
        return found(visible(request.sessionId()), request.sessionId(), request.requestId(), current, session -> {
            MessagePage page = store().page(session.id(), Long.MAX_VALUE, SWITCH_PAGE);
            return new Outcome(new ServerMessage.SessionSwitched(summary(session), messages(page), cursor(page),
                                                                 request.requestId()),
                               conversations.conversation(session.id()));
        });
    }

    private Outcome history(ClientMessage.SessionHistory request, Conversation current) {
        return found(visible(request.sessionId()), request.sessionId(), request.requestId(), current, session -> {
            long before = request.before() == null ? Long.MAX_VALUE : request.before();
            MessagePage page = store().page(session.id(), before, request.limit());
            return new Outcome(new ServerMessage.SessionHistory(session.id(), messages(page), cursor(page),
                                                                request.requestId()), current);
        });
    }

    private Outcome rename(ClientMessage.SessionRename request, Conversation current) {
        return found(visible(request.sessionId()).flatMap(s -> store().rename(s.id(), request.title())), request.sessionId(),
                     request.requestId(), current,
                     session -> new Outcome(new ServerMessage.SessionRenamed(summary(session), request.requestId()), current));
    }

    /** A session the child may see: one it hid is "not found" for it, as if it were gone. */
    private Optional<StoredSession> visible(String sessionId) {
        return store().find(sessionId).filter(session -> !session.hidden());
    }

    private ConversationStore store() {
        return conversations.store();
    }

    /**
     * A stored session as the protocol shows it.
     *
     * @param session the session
     * @return its summary
     */
    public static ServerMessage.SessionSummary summary(StoredSession session) {
        return new ServerMessage.SessionSummary(session.id(), session.title(), session.created().toEpochMilli(),
                                                session.updated().toEpochMilli(), session.language(), session.model(),
                                                session.messages(), session.hidden() ? Boolean.TRUE : null);
    }

    /**
     * Every message of a conversation, oldest first, read page by page.
     *
     * @param store     the store
     * @param sessionId the conversation
     * @return its messages
     */
    public static List<ServerMessage.HistoryMessage> allMessages(ConversationStore store, String sessionId) {
        List<MessagePage> newestFirst = new ArrayList<>();
        MessagePage page = store.page(sessionId, Long.MAX_VALUE, WHOLE_PAGE);
        newestFirst.add(page);
        while (page.before() != null) {
            page = store.page(sessionId, page.before(), WHOLE_PAGE);
            newestFirst.add(page);
        }
        List<ServerMessage.HistoryMessage> all = new ArrayList<>();
        for (MessagePage older : newestFirst.reversed()) {
            older.messages().forEach(message -> all.add(message(message)));
        }
        return all;
    }

    /**
     * A stored message as the protocol shows it.
     *
     * @param message the message
     * @return its view
     */
    public static ServerMessage.HistoryMessage message(StoredMessage message) {
        return new ServerMessage.HistoryMessage(message.id(), message.role(), message.text(), message.at().toEpochMilli(),
                                                message.voice(), message.partial());
    }

    private static List<ServerMessage.HistoryMessage> messages(MessagePage page) {
        return page.messages().stream().map(SessionRequests::message).toList();
    }

    private static String cursor(MessagePage page) {
        return page.before() == null ? null : page.before().toString();
    }

    private Outcome found(Optional<StoredSession> session, String sessionId, String requestId, Conversation current,
                          Function<StoredSession, Outcome> then) {
        return session.map(then).orElseGet(() -> notFound(sessionId, requestId, current));
    }

    private Outcome notFound(String sessionId, String requestId, Conversation current) {
        return new Outcome(texts.error(ErrorCode.NOT_FOUND, "no session " + sessionId, requestId), current);
    }

    /**
     * What a request produced.
     *
     * @param reply   the message to send
     * @param current the socket's current conversation afterwards
     */
    public record Outcome(ServerMessage reply, Conversation current) {
    }
}
