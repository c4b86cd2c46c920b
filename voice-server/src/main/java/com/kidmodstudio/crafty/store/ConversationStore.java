package com.kidmodstudio.crafty.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.kidmodstudio.crafty.safety.SafetyEvents;

/**
 * Keeps conversations and their messages. Every write is committed before the method returns,
 * so a message the server has acknowledged survives a crash. Implementations are thread-safe:
 * several sockets may write to one session at once, and the two messages of an exchange (the
 * question and the reply that answers it) are always stored next to each other.
 *
 * <p>A reply is stored in steps: {@link #begin} stores the question with an empty reply,
 * {@link #reply} fills the reply in while it is being written ({@code partial}) and when it is
 * complete. An empty reply is not shown by the reading methods.
 *
 * <p>It also keeps the safety events ({@link SafetyEvents}): a category and a time, never the
 * words; {@link #purge} removes them with the conversations of the same age.
 */
public interface ConversationStore extends AutoCloseable, SafetyEvents {

    /**
     * Creates an empty session.
     *
     * @param id    the new session's id
     * @param title its title, or {@code null} to take it from the first question
     * @param model the model it is for, or {@code null} for the configured one
     * @return the session
     * @throws StoreException when it cannot be stored, or the id is taken
     */
    StoredSession create(String id, String title, String model);

    /**
     * Finds a session.
     *
     * @param id the session id
     * @return the session, or empty when there is none with that id
     */
    Optional<StoredSession> find(String id);

    /**
     * Every session the child has not hidden, the most recently updated first.
     *
     * @return the sessions
     */
    List<StoredSession> list();

    /**
     * Every session, hidden ones included, the most recently updated first: what a parent sees.
     *
     * @return the sessions
     */
    List<StoredSession> listAll();

    /**
     * Hides a session from the child's list; it and its messages stay for a parent to read.
     *
     * @param id the session id
     * @return whether there was such a session
     */
    boolean hide(String id);

    /**
     * Renames a session.
     *
     * @param id    the session id
     * @param title the new title
     * @return the renamed session, or empty when there is none with that id
     */
    Optional<StoredSession> rename(String id, String title);

    /**
     * Deletes a session and its messages for good.
     *
     * @param id the session id
     * @return whether there was such a session
     */
    boolean delete(String id);

    /**
     * Stores a question and an empty reply to it, creating the session when it does not exist
     * (its title is the start of this question).
     *
     * @param sessionId       the session
     * @param question        the child's message
     * @param questionByVoice whether the child spoke it
     * @param replyByVoice    whether the reply will be spoken aloud
     * @return the ids of the two messages
     */
    Exchange begin(String sessionId, String question, boolean questionByVoice, boolean replyByVoice);

    /**
     * Sets the text of a reply stored by {@link #begin}; a no-op when it has been deleted since.
     *
     * @param replyId the reply's id
     * @param text    the text so far, or the whole reply
     * @param partial {@code true} while it is being written or when it was cut off
     */
    void reply(long replyId, String text, boolean partial);

    /**
     * Deletes messages, e.g. an exchange that failed.
     *
     * @param ids the message ids
     */
    void deleteMessages(long... ids);

    /**
     * The last messages of a session, for the language model's context.
     *
     * @param sessionId the session
     * @param count     how many
     * @return at most {@code count} messages, oldest first
     */
    List<StoredMessage> recent(String sessionId, int count);

    /**
     * A page of a session's history.
     *
     * @param sessionId the session
     * @param before    only messages with a smaller id: a cursor from an earlier page, or
     *                  {@link Long#MAX_VALUE} for the newest page
     * @param limit     the most messages to return
     * @return the page, oldest first
     */
    MessagePage page(String sessionId, long before, int limit);

    /**
     * The safety events since a time, newest first.
     *
     * @param since the oldest time included
     * @return the events
     */
    List<SafetyEvent> safetyEvents(Instant since);

    /**
     * Deletes the sessions not updated since a time, with their messages, and the safety events
     * older than that time.
     *
     * @param cutoff the oldest update time kept
     * @return how many sessions were deleted
     */
    int purge(Instant cutoff);

    /**
     * The parent's settings and the child's daily talk time, kept beside the conversations.
     *
     * @return the records
     */
    ParentRecords parentRecords();

    /**
     * How the store is doing, for {@code /status}.
     *
     * @return the status
     */
    StoreStatus status();

    /** Closes the database; later calls fail. */
    @Override
    void close();

    /**
     * The two messages of one exchange.
     *
     * @param question the question's id
     * @param reply    the reply's id
     */
    record Exchange(long question, long reply) {
    }

    /**
     * A safety event as kept.
     *
     * @param category what the safety layer recognised, e.g. {@code self_harm}
     * @param at       when
     */
    record SafetyEvent(String category, Instant at) {
    }
}
