package com.kidmodstudio.crafty.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.ConversationStoreFactory;
import com.kidmodstudio.crafty.store.Retention;
import com.kidmodstudio.crafty.store.StoreException;
import com.kidmodstudio.crafty.store.StoredSession;

/**
 * The conversations of this server, found again by session id: kept in the
 * {@link ConversationStore}, so a client that reconnects (or comes back after a restart) keeps
 * its context, and old ones deleted by {@link Retention}.
 */
public final class Conversations implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Conversations.class.getName());

    private final ConversationStore store;
    private final Retention retention;
    private final Duration saveEvery;

    /**
     * Creates the conversations over a store.
     *
     * @param store     where they are kept
     * @param retention deletes old ones; closed with this
     * @param saveEvery how often a reply being written is saved
     */
    public Conversations(ConversationStore store, Retention retention, Duration saveEvery) {
        this.store = store;
        this.retention = retention;
        this.saveEvery = saveEvery;
    }

    /**
     * Opens the store configured under {@code store} and starts the retention: {@code store.path}
     * ({@code STORE_PATH}), {@code store.wait}, {@code store.partial}, {@code store.retention}, and
     * {@code crafty.sessions} for the in-memory fallback.
     *
     * @param config   the root configuration
     * @param language the language new conversations are in
     * @param model    the model new conversations are for, or {@code null}
     * @param clock    the clock for timestamps and retention
     * @return the conversations
     */
    public static Conversations create(Config config, Language language, String model, Clock clock) {
        Config settings = config.get("store");
        Duration keep = Settings.duration(settings, "retention", Duration.ofDays(90));
        Duration saveEvery = Settings.duration(settings, "partial", Duration.ofMillis(500));
        int capacity = Settings.integer(config.get("crafty"), "sessions", 1000, 1, 100_000);
        ConversationStore store = ConversationStoreFactory.create(settings, capacity, language.code(), model, clock);
        return new Conversations(store, Retention.start(store, keep, clock), saveEvery);
    }

    /**
     * Finds a conversation, or starts a new one (stored with its first question).
     *
     * @param requestedId the session id the client asked for, or {@code null} for a new one
     * @return the conversation, and whether it was found
     */
    public Opened open(String requestedId) {
        if (requestedId != null) {
            try {
                if (store.find(requestedId).isPresent()) {
                    return new Opened(conversation(requestedId), true);
                }
            } catch (StoreException e) {
                LOGGER.warning(() -> "looking up session " + requestedId + " failed: " + e.getMessage());
            }
        }
        return new Opened(conversation(requestedId != null ? requestedId : UUID.randomUUID().toString()), false);
    }

    /**
     * Creates and stores an empty conversation.
     *
     * @param title its title, or {@code null} to take it from the first question
     * @param model the model it is for, or {@code null} for the configured one
     * @return the stored conversation
     * @throws StoreException when it cannot be stored
     */
    public StoredSession create(String title, String model) {
        return store.create(UUID.randomUUID().toString(), title, model);
    }

    /**
     * The handle of a conversation, without looking it up.
     *
     * @param id the session id
     * @return the conversation
     */
    public Conversation conversation(String id) {
        return new Conversation(id, store, saveEvery);
    }

    /**
     * The retention, so a parent's setting can take it over.
     *
     * @return the retention
     */
    public Retention retention() {
        return retention;
    }

    /**
     * The store, for listing and paging.
     *
     * @return the store
     */
    public ConversationStore store() {
        return store;
    }

    /** Stops the retention and closes the store. */
    @Override
    public void close() {
        retention.close();
        store.close();
    }

    /**
     * A conversation found or created by {@link #open(String)}.
     *
     * @param conversation the conversation
     * @param resumed      whether it already existed
     */
    public record Opened(Conversation conversation, boolean resumed) {
    }
}
