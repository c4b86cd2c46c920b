package com.kidmodstudio.crafty.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.chat.SessionRequests;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.StoreException;
import com.kidmodstudio.crafty.store.StoredSession;

/**
 * What was said, for a parent: {@code GET /history} returns every saved conversation with its
 * messages as JSON, {@code GET /history.html} the same as a plain page without scripts. Both
 * take {@code ?sessionId=} for one conversation, and include the conversations the child hid.
 * The access guard protects them like every API path.
 */
public final class HistoryService implements HttpService {
    private final ConversationStore store;
    private final Language language;

    /**
     * Creates the service.
     *
     * @param store    the conversations
     * @param language the language of the page
     */
    public HistoryService(ConversationStore store, Language language) {
        this.store = store;
        this.language = language;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/history", this::json).get("/history.html", this::html);
    }

    private void json(ServerRequest request, ServerResponse response) {
        Optional<List<Conversation>> conversations = load(request, response);
        if (conversations.isPresent()) {
            response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json"));
            response.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
            response.send(Json.write(new History(store.status().status(), store.status().warning(), conversations.get())));
        }
    }

    private void html(ServerRequest request, ServerResponse response) {
        Optional<List<Conversation>> conversations = load(request, response);
        if (conversations.isPresent()) {
            response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8"));
            response.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
            response.header(HeaderValues.create("Content-Security-Policy", HistoryPage.CSP));
            response.header(HeaderValues.create("X-Content-Type-Options", "nosniff"));
            response.send(HistoryPage.render(language, store.status().warning(), conversations.get()));
        }
    }

    private Optional<List<Conversation>> load(ServerRequest request, ServerResponse response) {
        Optional<String> only = request.query().first("sessionId").asOptional();
        try {
            List<StoredSession> sessions = only.isPresent() ? store.find(only.get()).stream().toList() : store.listAll();
            if (only.isPresent() && sessions.isEmpty()) {
                response.status(Status.NOT_FOUND_404).send("No conversation " + only.get() + ".");
                return Optional.empty();
            }
            List<Conversation> conversations = new ArrayList<>(sessions.size());
            for (StoredSession session : sessions) {
                conversations.add(new Conversation(SessionRequests.summary(session), SessionRequests.allMessages(store, session.id())));
            }
            return Optional.of(conversations);
        } catch (StoreException e) {
            response.status(Status.SERVICE_UNAVAILABLE_503).send("The history cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The JSON of {@code GET /history}.
     *
     * @param store    {@code ok}, {@code memory} or {@code fallback}
     * @param warning  why the history is not saved to its file, when it is not
     * @param sessions the conversations, the most recently updated first
     */
    record History(String store, String warning, List<Conversation> sessions) {
    }

    /**
     * One conversation with all its messages.
     *
     * @param session  the conversation
     * @param messages its messages, oldest first
     */
    record Conversation(ServerMessage.SessionSummary session, List<ServerMessage.HistoryMessage> messages) {
    }
}
