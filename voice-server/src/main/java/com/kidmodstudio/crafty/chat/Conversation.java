package com.kidmodstudio.crafty.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import com.kidmodstudio.crafty.llm.ChatMessage;

/**
 * The memory of one conversation: its messages, oldest first, bounded in size. Several sockets
 * may share a conversation (a reconnect overlapping the old socket, the text and the voice
 * route); a question and its answer are always appended together, so exchanges never interleave.
 */
public final class Conversation {
    /** Messages kept in memory per conversation; older ones are forgotten. */
    static final int KEPT = 200;

    private final String id;
    private final Deque<ChatMessage> messages = new ArrayDeque<>();
    private volatile long lastUsed = System.currentTimeMillis();

    /**
     * Creates an empty conversation.
     *
     * @param id its session id
     */
    public Conversation(String id) {
        this.id = id;
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
     * messages, then the question.
     *
     * @param systemPrompt the persona
     * @param history      how many earlier messages to include
     * @param question     the child's new message
     * @return the messages, system prompt first
     */
    public synchronized List<ChatMessage> context(String systemPrompt, int history, String question) {
        touch();
        List<ChatMessage> context = new ArrayList<>(history + 2);
        context.add(new ChatMessage(ChatMessage.SYSTEM, systemPrompt));
        int skip = Math.max(0, messages.size() - history);
        Iterator<ChatMessage> it = messages.iterator();
        for (int i = 0; it.hasNext(); i++) {
            ChatMessage message = it.next();
            if (i >= skip) {
                context.add(message);
            }
        }
        context.add(new ChatMessage(ChatMessage.USER, question));
        return context;
    }

    /**
     * Remembers one exchange.
     *
     * @param question the child's message
     * @param answer   Crafty's reply (possibly cut short)
     */
    public synchronized void record(String question, String answer) {
        touch();
        messages.addLast(new ChatMessage(ChatMessage.USER, question));
        messages.addLast(new ChatMessage(ChatMessage.ASSISTANT, answer));
        while (messages.size() > KEPT) {
            messages.removeFirst();
        }
    }

    /**
     * How many messages are remembered.
     *
     * @return the count
     */
    public synchronized int size() {
        return messages.size();
    }

    /**
     * When the conversation was last used, in milliseconds since the epoch.
     *
     * @return the time
     */
    public long lastUsed() {
        return lastUsed;
    }

    private void touch() {
        lastUsed = System.currentTimeMillis();
    }
}
