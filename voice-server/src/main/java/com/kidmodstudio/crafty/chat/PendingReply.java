package com.kidmodstudio.crafty.chat;

import java.time.Duration;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.StoreException;

/**
 * A reply being written, saved as it grows: marked partial and updated at most every
 * {@code saveEvery} while the model writes, so a crash loses at most that much of its end;
 * then saved whole ({@link #complete}), cut off ({@link #cut}) or, for a failed exchange,
 * deleted with its question ({@link #discard}). A failed write is logged and the chat goes on.
 * Used by one turn's thread.
 */
public final class PendingReply {
    private static final Logger LOGGER = Logger.getLogger(PendingReply.class.getName());

    private final ConversationStore store;
    private final ConversationStore.Exchange exchange;
    private final long everyNanos;
    private long lastSave = System.nanoTime();
    private int savedLength;

    PendingReply(ConversationStore store, ConversationStore.Exchange exchange, Duration saveEvery) {
        this.store = store;
        this.exchange = exchange;
        this.everyNanos = saveEvery.toNanos();
    }

    static PendingReply unsaved() {
        return new PendingReply(null, null, Duration.ZERO);
    }

    /**
     * The reply has grown; saves it when the last save is {@code saveEvery} ago.
     *
     * @param sofar the reply so far
     */
    public void progress(CharSequence sofar) {
        long now = System.nanoTime();
        if (store != null && now - lastSave >= everyNanos && sofar.length() > savedLength) {
            save(sofar.toString(), true);
            lastSave = now;
        }
    }

    /**
     * The reply is complete; it is saved before this returns.
     *
     * @param answer the whole reply
     */
    public void complete(String answer) {
        save(answer, false);
    }

    /**
     * The reply was stopped; what was written is kept, marked partial. An empty one is dropped,
     * the question stays.
     *
     * @param partial the reply so far
     */
    public void cut(String partial) {
        if (partial.isEmpty()) {
            delete(exchange == null ? null : new long[] {exchange.reply()});
        } else {
            save(partial, true);
        }
    }

    /** The exchange failed: the question and the reply are deleted, so asking again starts clean. */
    public void discard() {
        delete(exchange == null ? null : new long[] {exchange.question(), exchange.reply()});
    }

    private void save(String text, boolean partial) {
        if (store == null) {
            return;
        }
        try {
            store.reply(exchange.reply(), text, partial);
            savedLength = text.length();
        } catch (StoreException e) {
            LOGGER.warning(() -> "saving the reply failed: " + e.getMessage());
        }
    }

    private void delete(long[] ids) {
        if (store == null || ids == null) {
            return;
        }
        try {
            store.deleteMessages(ids);
        } catch (StoreException e) {
            LOGGER.warning(() -> "removing the unanswered exchange failed: " + e.getMessage());
        }
    }
}
