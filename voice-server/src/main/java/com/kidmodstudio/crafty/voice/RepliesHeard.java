package com.kidmodstudio.crafty.voice;

/**
 * The spoken replies of one {@code /voice/chat} connection, for the panel's report of what the
 * child heard ({@code {"action":"heard"}}): the report cuts the stored reply of the same request
 * to the heard words and marks it interrupted. A report that arrives while its turn is still
 * ending is applied when the turn has stored its reply, so the stop's own save cannot undo it.
 * One per connection; thread-safe.
 */
public final class RepliesHeard {
    private SpokenReply last;
    private boolean finished;
    private int waitingSentence = -1;
    private long waitingMs;

    synchronized SpokenReply begin(String requestId) {
        last = new SpokenReply(requestId);
        finished = false;
        waitingSentence = -1;
        return last;
    }

    synchronized void finished(SpokenReply reply) {
        if (reply != last) {
            return;
        }
        finished = true;
        if (waitingSentence >= 0) {
            reply.cut(waitingSentence, waitingMs);
            waitingSentence = -1;
        }
    }

    /**
     * The panel stopped playing a reply: sentences before {@code sentence} were heard whole, and
     * {@code playedMs} of that one. Only the connection's last spoken reply can be cut.
     *
     * @param requestId the reply's request id
     * @param sentence  the index of the sentence playing when it stopped
     * @param playedMs  how long that sentence had played
     */
    public synchronized void heard(String requestId, int sentence, long playedMs) {
        if (last == null || requestId == null || !requestId.equals(last.requestId())) {
            return;
        }
        if (finished) {
            last.cut(sentence, playedMs);
        } else {
            waitingSentence = sentence;
            waitingMs = playedMs;
        }
    }
}
