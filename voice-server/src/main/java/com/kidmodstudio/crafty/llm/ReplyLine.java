package com.kidmodstudio.crafty.llm;

/**
 * What one line of a streamed reply means to the client reading it.
 *
 * @param delta text to hand on, possibly empty
 * @param error the server's error message when the line reports a failure, else {@code null}
 * @param end   whether the reply or the stream ends with this line
 */
record ReplyLine(String delta, String error, End end) {
    /** A line that carries nothing: a comment, a role announcement, an unknown event. */
    static final ReplyLine NOTHING = new ReplyLine("", null, End.MORE);

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
        return new ReplyLine(delta == null ? "" : delta, null, end);
    }

    static ReplyLine failure(String error) {
        return new ReplyLine("", error, End.STREAM);
    }
}
