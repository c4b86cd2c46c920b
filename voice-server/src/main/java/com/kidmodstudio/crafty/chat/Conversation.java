package com.kidmodstudio.crafty.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.llm.ChatMessage;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.StoreException;
import com.kidmodstudio.crafty.store.StoredMessage;

/**
 * One conversation, read from and written to the {@link ConversationStore}: the model's context
 * is rebuilt from the stored messages for every question, so it survives reconnects and
 * restarts, and several sockets (a reconnect overlapping the old socket, the text and the voice
 * route) share it. A conversation that was never written to is not stored until its first
 * question.
 */
public final class Conversation {
    private static final Logger LOGGER = Logger.getLogger(Conversation.class.getName());

    private final String id;
    private final ConversationStore store;
    private final Duration saveEvery;

    /**
     * Creates the handle of a conversation.
     *
     * @param id        its session id
     * @param store     where it is kept
     * @param saveEvery how often a reply being written is saved
     */
    Conversation(String id, ConversationStore store, Duration saveEvery) {
        this.id = id;
        this.store = store;
        this.saveEvery = saveEvery;
    }

    /**
     * The session id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * What to send to the model for a new question: the system prompt, the last {@code history}
     * stored messages, then the question. When the store cannot be read, the question goes
     * without history.
     *
     * @param systemPrompt the persona
     * @param history      how many earlier messages to include
     * @param question     the child's new message
     * @return the messages, system prompt first
     */
    public List<ChatMessage> context(String systemPrompt, int history, String question) {
        List<ChatMessage> context = new ArrayList<>(history + 2);
        context.add(new ChatMessage(ChatMessage.SYSTEM, systemPrompt));
        if (history > 0) {
            try {
                for (StoredMessage message : store.recent(id, history)) {
                    context.add(new ChatMessage(message.role(), message.text()));
                }
            } catch (StoreException e) {
                LOGGER.warning(() -> "answering without the conversation's history: " + e.getMessage());
            }
        }
        context.add(new ChatMessage(ChatMessage.USER, question));
        return context;
    }

    /**
     * Starts storing a question with an empty reply to fill in, and returns at once; the reply's
     * writes wait for it (see {@link PendingReply}).
     *
     * @param question the child's message
     * @param medium   how it travelled
     * @return the reply to fill in; when the store fails, one that saves nothing
     */
    public PendingReply begin(String question, Medium medium) {
        return PendingReply.begin(store, () -> store.begin(id, question, medium.questionByVoice(), medium.replyByVoice()),
                                  saveEvery);
    }
}
