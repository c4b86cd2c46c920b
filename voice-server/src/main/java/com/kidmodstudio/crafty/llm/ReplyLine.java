package com.kidmodstudio.crafty.llm;

/**
 * What one line of a streamed reply means to the client reading it.
 *
 * @param delta text to hand on, possibly empty
 * @param token whether the model generated something, spoken or not: a delta or a reasoning
 *              model's thinking; it keeps the request alive against the idle timeout
 * @param error the server's error message when the line reports a failure, else {@code null}
 * @param end   whether the reply or the stream ends with this line
 */
record ReplyLine(String delta, boolean token, String error, End end) {
    /** A line that carries nothing: a comment, a role announcement, an unknown event. */
    static final ReplyLine NOTHING = new ReplyLine("", false, null, End.MORE);
    /** A token the child does not hear: a reasoning model thinking. */
    static final ReplyLine THINKING = new ReplyLine("", true, null, End.MORE);

    /** Where a line leaves the reply. */
    enum End {
        /** More lines follow. */
        MORE,
        /** The reply is complete; trailing lines (usage, a terminator) may still follow. */
        FINISHED,
        /** The stream is over: stop reading. */
        STREAM
    }

    static ReplyLine text(String delta, End end) {
        String text = delta == null ? "" : delta;
        return new ReplyLine(text, !text.isEmpty(), null, end);
    }

    static ReplyLine failure(String error) {
        return new ReplyLine("", false, error, End.STREAM);
    }
}
