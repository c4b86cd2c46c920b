package com.kidmodstudio.crafty.chat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The conversations of this server, kept in memory and found again by session id, so a client
 * that reconnects keeps its context. Bounded: at most {@code capacity} conversations, the least
 * recently used one forgotten first, and none kept longer than {@code idle} without use.
 */
public final class Conversations {
    private final int capacity;
    private final long idleMillis;
    private final Map<String, Conversation> byId = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * Creates the store.
     *
     * @param capacity most conversations kept
     * @param idle     how long an unused conversation is kept
     */
    public Conversations(int capacity, Duration idle) {
        this.capacity = capacity;
        this.idleMillis = idle.toMillis();
    }

    /**
     * Finds a conversation or starts one.
     *
     * @param requestedId the session id the client asked for, or {@code null} for a new one
     * @return the conversation, and whether it existed
     */
    public synchronized Opened open(String requestedId) {
        evictIdle();
        if (requestedId != null) {
            Conversation known = byId.get(requestedId);
            if (known != null) {
                return new Opened(known, true);
            }
        }
        String id = requestedId != null ? requestedId : UUID.randomUUID().toString();
        Conversation created = new Conversation(id);
        byId.put(id, created);
        while (byId.size() > capacity) {
            byId.remove(byId.keySet().iterator().next());
        }
        return new Opened(created, false);
    }

    /**
     * How many conversations are kept.
     *
     * @return the count
     */
    public synchronized int size() {
        return byId.size();
    }

    private void evictIdle() {
        long cutoff = System.currentTimeMillis() - idleMillis;
        byId.values().removeIf(c -> c.lastUsed() < cutoff);
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
