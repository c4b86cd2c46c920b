package com.kidmodstudio.crafty.chat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.StoreException;

/**
 * A reply being written, saved as it grows: marked partial and updated at most every
 * {@code saveEvery} while the model writes, so a crash loses at most that much of its end;
 * then saved whole ({@link #complete}), cut off ({@link #cut}) or, for a failed exchange,
 * deleted with its question ({@link #discard}). A failed write is logged and the chat goes on.
 *
 * <p>The question and the empty reply are stored on a thread of their own while the model is
 * asked ({@link #begin}): the turn does not wait for the disk before the model starts to
 * think, which on a laptop's disk is a wait for a flush of several milliseconds, and with many
 * questions at once a wait for the commit they share. Every later write of this reply waits for
 * that one, so the writes keep their order. Used by one turn's thread.
 */
public final class PendingReply {
    private static final Logger LOGGER = Logger.getLogger(PendingReply.class.getName());

    private final ConversationStore store;
    private final CompletableFuture<ConversationStore.Exchange> exchange;
    private final long everyNanos;
    private long lastSave = System.nanoTime();
    private int savedLength;

    private PendingReply(ConversationStore store, CompletableFuture<ConversationStore.Exchange> exchange,
                         Duration saveEvery) {
        this.store = store;
        this.exchange = exchange;
        this.everyNanos = saveEvery.toNanos();
    }

    /**
     * Starts storing a question and its empty reply and returns at once. When the store fails,
     * the failure is logged and this reply saves nothing.
     *
     * @param store     where it is kept
     * @param begin     stores the question and the empty reply
     * @param saveEvery how often the growing reply is saved
     * @return the reply to fill in
     */
    static PendingReply begin(ConversationStore store, Supplier<ConversationStore.Exchange> begin, Duration saveEvery) {
        CompletableFuture<ConversationStore.Exchange> stored = new CompletableFuture<>();
        Thread.ofVirtual().name("crafty-store-begin").start(() -> {
            try {
                stored.complete(begin.get());
            } catch (StoreException e) {
                LOGGER.warning(() -> "this exchange is not saved: " + e.getMessage());
                stored.complete(null);
            } catch (RuntimeException | Error e) {
                stored.completeExceptionally(e);
            }
        });
        return new PendingReply(store, stored, saveEvery);
    }

    static PendingReply unsaved() {
        return new PendingReply(null, CompletableFuture.completedFuture(null), Duration.ZERO);
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
            ConversationStore.Exchange stored = stored();
            delete(stored == null ? null : new long[] {stored.reply()});
        } else {
            save(partial, true);
        }
    }

    /** The exchange failed: the question and the reply are deleted, so asking again starts clean. */
    public void discard() {
        ConversationStore.Exchange stored = stored();
        delete(stored == null ? null : new long[] {stored.question(), stored.reply()});
    }

    private void save(String text, boolean partial) {
        ConversationStore.Exchange stored = stored();
        if (stored == null) {
            return;
        }
        try {
            store.reply(stored.reply(), text, partial);
            savedLength = text.length();
        } catch (StoreException e) {
            LOGGER.warning(() -> "saving the reply failed: " + e.getMessage());
        }
    }

    /**
     * The stored question and reply, once their write is done.
     *
     * @return their ids, or {@code null} when they are not stored
     */
    ConversationStore.Exchange stored() {
        try {
            return exchange.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
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
