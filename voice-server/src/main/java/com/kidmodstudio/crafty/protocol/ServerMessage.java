package com.kidmodstudio.crafty.protocol;

import java.util.List;

/**
 * A message from the server. Every one has a {@code type}; {@code requestId} is the id of the
 * client message it answers, when that message had one. {@link Json} writes {@code type} first
 * and leaves absent fields out.
 */
public sealed interface ServerMessage {

    /**
     * The message type on the wire.
     *
     * @return e.g. {@code "assistant"}
     */
    String type();

    /**
     * The message reporting an error: {@code error}, or {@code session:error} for the codes of
     * the {@code session:*} requests (see {@link ErrorCode#messageType()}).
     *
     * @param code      the error
     * @param content   a kid-friendly explanation in the configured language
     * @param detail    a short technical description in English
     * @param requestId the message this answers
     * @return the message
     */
    static ServerMessage error(ErrorCode code, String content, String detail, String requestId) {
        return switch (code.messageType()) {
            case "session:error" -> SessionError.of(code, content, detail, requestId);
            case "parent:error" -> ParentReplies.Failure.of(code, content, detail, null, null, requestId);
            default -> Error.of(code, content, detail, requestId);
        };
    }

    /**
     * Crafty speaking in text: the welcome, a streamed delta, or the end of a streamed reply.
     *
     * @param content     the text (a delta while streaming, empty in the final message)
     * @param streaming   {@code true} on deltas, {@code false} on the final message, absent on the welcome
     * @param done        {@code true} on the final message
     * @param fullContent the whole reply, on the final message
     * @param timestamp   milliseconds since the epoch; a streamed reply keeps its start time
     * @param requestId   the chat message this answers
     * @param sessionId   the conversation (on the welcome and the final message)
     * @param resumed     on the welcome: whether an earlier conversation was resumed
     * @param safety      on the final message, when the safety layer acted: {@code crisis} (the
     *                    help text), {@code refused}, {@code masked} (personal data was left out of
     *                    the question) or {@code stopped} (the reply was cut off and ended with a
     *                    neutral line); absent otherwise
     */
    record Assistant(String content, Boolean streaming, Boolean done, String fullContent, long timestamp,
                     String requestId, String sessionId, Boolean resumed, String safety) implements ServerMessage {
        @Override
        public String type() {
            return "assistant";
        }

        /** The welcome message sent on connect. */
        public static Assistant welcome(String content, String sessionId, boolean resumed) {
            return new Assistant(content, null, null, null, System.currentTimeMillis(), null, sessionId, resumed, null);
        }

        /** One streamed delta. */
        public static Assistant delta(String content, long started, String requestId) {
            return new Assistant(content, true, null, null, started, requestId, null, null, null);
        }

        /** The end of a streamed reply. */
        public static Assistant done(String fullContent, long started, String requestId, String sessionId) {
            return done(fullContent, started, requestId, sessionId, null);
        }

        /** The end of a streamed reply the safety layer marked ({@code crisis}, {@code refused}, …). */
        public static Assistant done(String fullContent, long started, String requestId, String sessionId, String safety) {
            return new Assistant("", false, true, fullContent, started, requestId, sessionId, null, safety);
        }
    }

    /**
     * Something went wrong; the connection stays usable.
     *
     * @param code      machine-readable code, see {@link ErrorCode}
     * @param category  {@code connectivity}, {@code invalid_request} or {@code engine}
     * @param content   a kid-friendly explanation in the configured language
     * @param error     a short technical description in English
     * @param opensAt   for {@code quiet_hours} and {@code time_limit}: when Crafty talks again, an
     *                  ISO-8601 local date-time with offset; absent otherwise
     * @param requestId the message this answers
     * @param timestamp milliseconds since the epoch
     */
    record Error(String code, String category, String content, String error, String opensAt, String requestId,
                 long timestamp) implements ServerMessage {
        @Override
        public String type() {
            return "error";
        }

        /** Creates an error message for a code. */
        public static Error of(ErrorCode code, String content, String detail, String requestId) {
            return new Error(code.wire(), code.category().wire(), content, detail, null, requestId,
                             System.currentTimeMillis());
        }

        /**
         * Creates the error of a turn refused by a parent's time rule.
         *
         * @param code      {@link ErrorCode#QUIET_HOURS} or {@link ErrorCode#TIME_LIMIT}
         * @param content   the kid-friendly text, naming the time
         * @param detail    a short technical description in English
         * @param opensAt   when Crafty talks again, ISO-8601 with offset
         * @param requestId the message this answers
         * @return the message
         */
        public static Error closed(ErrorCode code, String content, String detail, String opensAt, String requestId) {
            return new Error(code.wire(), code.category().wire(), content, detail, opensAt, requestId,
                             System.currentTimeMillis());
        }
    }

    /**
     * A running turn ended early; no {@code done} follows for it.
     *
     * @param requestId      the turn that was cancelled
     * @param reason         {@code stop} (asked by the client) or {@code superseded} (a new message replaced it)
     * @param partialContent what had been generated until then, if anything
     */
    record Cancelled(String requestId, String reason, String partialContent) implements ServerMessage {
        @Override
        public String type() {
            return "cancelled";
        }
    }

    /**
     * Answer to {@code stop}.
     *
     * @param requestId the stop message's id
     * @param cancelled the id of the turn that was cancelled ({@code ""} when it had none), absent when nothing ran
     */
    record Stopped(String requestId, String cancelled) implements ServerMessage {
        @Override
        public String type() {
            return "stopped";
        }
    }

    /**
     * Answer to {@code ping}.
     *
     * @param requestId the ping's id
     * @param t         the ping's timestamp, echoed
     * @param serverTime the server's clock, milliseconds since the epoch
     */
    record Pong(String requestId, Long t, long serverTime) implements ServerMessage {
        @Override
        public String type() {
            return "pong";
        }
    }

    /**
     * The conversation a voice socket speaks in; sent first on {@code /voice/chat}.
     *
     * @param sessionId the conversation
     * @param resumed   whether it already existed
     */
    record Session(String sessionId, boolean resumed) implements ServerMessage {
        @Override
        public String type() {
            return "session";
        }
    }

    /**
     * Announces the audio that follows in binary frames.
     *
     * @param sampleRate samples per second
     * @param channels   always 1
     * @param encoding   always {@code pcm_s16le}
     * @param requestId  the request it answers
     */
    record AudioStart(int sampleRate, int channels, String encoding, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "audio_start";
        }

        /** Mono 16-bit little-endian PCM at a rate. */
        public static AudioStart pcm(int sampleRate, String requestId) {
            return new AudioStart(sampleRate, 1, "pcm_s16le", requestId);
        }
    }

    /**
     * The announced audio is complete.
     *
     * @param requestId the request it answers
     * @param frames    how many binary frames were sent
     * @param bytes     how many bytes of PCM were sent
     */
    record AudioEnd(String requestId, int frames, long bytes) implements ServerMessage {
        @Override
        public String type() {
            return "audio_end";
        }
    }

    /**
     * A voice request is complete.
     *
     * @param done      always {@code true}
     * @param text      the text spoken or answered, when there is one
     * @param requestId the request it answers
     * @param sessionId the conversation, on {@code /voice/chat}
     * @param ttsError  when the reply could not (all) be spoken: the error code, e.g. {@code tts_unavailable}
     * @param safety    when the safety layer acted on the turn: {@code crisis}, {@code refused},
     *                  {@code masked} or {@code stopped}, as on {@link Assistant}
     */
    record Done(boolean done, String text, String requestId, String sessionId, String ttsError, String safety)
            implements ServerMessage {
        /** A {@code done} the safety layer did not mark. */
        public Done(boolean done, String text, String requestId, String sessionId, String ttsError) {
            this(done, text, requestId, sessionId, ttsError, null);
        }

        @Override
        public String type() {
            return "done";
        }
    }

    /**
     * The audio received so far was stored.
     *
     * @param received bytes in this frame
     * @param total    bytes buffered in all
     * @param requestId the audio's request, when announced with one
     */
    record Ack(int received, long total, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "ack";
        }
    }

    /**
     * Buffered audio was dropped.
     *
     * @param cleared   always {@code true}
     * @param requestId the clear message's id
     */
    record Cleared(boolean cleared, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "cleared";
        }
    }

    /**
     * The final transcript of the audio.
     *
     * @param text      what was understood (may be empty)
     * @param done      always {@code true}
     * @param requestId the request it answers
     */
    record Transcript(String text, boolean done, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "transcript";
        }
    }

    /**
     * A provisional transcript while audio is still arriving.
     *
     * @param text      what was understood so far
     * @param requestId the audio's request
     */
    record PartialTranscript(String text, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "transcript.partial";
        }
    }

    /**
     * Progress of a {@code /voice/chat} turn: {@code transcribing}, {@code transcribed} (with
     * text), {@code thinking}, {@code responding} (with each chunk), {@code speaking}.
     *
     * @param status    the stage
     * @param text      the transcript, on {@code transcribed}
     * @param chunk     a delta of the reply, on {@code responding}
     * @param requestId the request it answers
     */
    record Status(String status, String text, String chunk, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "status";
        }
    }

    /**
     * The audio that follows (until {@code audio_end}) speaks this sentence.
     *
     * @param index     0-based position in the reply
     * @param text      the sentence
     * @param requestId the request it answers
     */
    record Sentence(int index, String text, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "sentence";
        }
    }

    /**
     * A saved conversation, as {@code session:*} replies and {@code GET /history} show it.
     *
     * @param sessionId    its id
     * @param title        its title (absent until it has one)
     * @param createdAt    when it was created, milliseconds since the epoch
     * @param updatedAt    when it last changed, milliseconds since the epoch
     * @param language     {@code de} or {@code en}
     * @param model        the model it was created for, when known
     * @param messageCount how many messages it has
     * @param hidden       {@code true} when the child hid it (only a parent sees it then), else absent
     */
    record SessionSummary(String sessionId, String title, long createdAt, long updatedAt, String language, String model,
                          int messageCount, Boolean hidden) {
    }

    /**
     * One saved message.
     *
     * @param messageId its id; ids grow over time
     * @param role      {@code user} (the child) or {@code assistant} (Crafty)
     * @param content   the text
     * @param timestamp when it was stored, milliseconds since the epoch
     * @param voice     whether it travelled as speech
     * @param partial   whether it is a reply still being written, or cut off by a stop or a crash
     */
    record HistoryMessage(long messageId, String role, String content, long timestamp, boolean voice, boolean partial) {
    }

    /**
     * Answer to {@code session:list}: the saved conversations, the most recently updated first.
     *
     * @param sessions  the conversations
     * @param requestId the request's id
     */
    record SessionList(List<SessionSummary> sessions, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "session:list";
        }
    }

    /**
     * Answer to {@code session:create}: the new conversation, now the socket's current one.
     *
     * @param session   the conversation
     * @param requestId the request's id
     */
    record SessionCreated(SessionSummary session, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "session:created";
        }
    }

    /**
     * Answer to {@code session:switch}: the conversation, now the socket's current one, and its
     * last messages.
     *
     * @param session   the conversation
     * @param messages  its newest messages, oldest first
     * @param before    the cursor for older messages ({@code session:history}), absent when there are none
     * @param requestId the request's id
     */
    record SessionSwitched(SessionSummary session, List<HistoryMessage> messages, String before, String requestId)
            implements ServerMessage {
        @Override
        public String type() {
            return "session:switched";
        }
    }

    /**
     * Answer to {@code session:history}: a page of older messages.
     *
     * @param sessionId the conversation
     * @param messages  the messages, oldest first
     * @param before    the cursor for still older messages, absent when there are none
     * @param requestId the request's id
     */
    record SessionHistory(String sessionId, List<HistoryMessage> messages, String before, String requestId)
            implements ServerMessage {
        @Override
        public String type() {
            return "session:history";
        }
    }

    /**
     * Answer to {@code session:rename}.
     *
     * @param session   the conversation with its new title
     * @param requestId the request's id
     */
    record SessionRenamed(SessionSummary session, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "session:renamed";
        }
    }

    /**
     * Crafty reminding the child of something, sent once before a turn's reply: {@code break}
     * after {@code minutes} of continuous talk (the parent's break reminder).
     *
     * @param kind      {@code break}
     * @param content   the kid-friendly text in the configured language
     * @param minutes   how long the child has been talking
     * @param requestId the request whose turn it precedes
     * @param timestamp milliseconds since the epoch
     */
    record Reminder(String kind, String content, long minutes, String requestId, long timestamp) implements ServerMessage {
        @Override
        public String type() {
            return "reminder";
        }
    }

    /**
     * Answer to {@code session:delete}: the conversation is gone from the child's list. It is
     * hidden, not erased: a parent still reads it in the parent area, and only a parent deletes it.
     *
     * @param sessionId the hidden conversation
     * @param hidden    always {@code true}: the conversation was hidden, not erased
     * @param requestId the request's id
     */
    record SessionDeleted(String sessionId, Boolean hidden, String requestId) implements ServerMessage {
        @Override
        public String type() {
            return "session:deleted";
        }
    }

    /**
     * A {@code session:*} request failed: {@code not_found}, {@code bad_request} or
     * {@code store_failed}. Same fields as {@link Error}.
     *
     * @param code      machine-readable code
     * @param category  who can fix it
     * @param content   a kid-friendly explanation in the configured language
     * @param error     a short technical description in English
     * @param requestId the request it answers
     * @param timestamp milliseconds since the epoch
     */
    record SessionError(String code, String category, String content, String error, String requestId, long timestamp)
            implements ServerMessage {
        @Override
        public String type() {
            return "session:error";
        }

        /** Creates the message for a code. */
        public static SessionError of(ErrorCode code, String content, String detail, String requestId) {
            return new SessionError(code.wire(), code.category().wire(), content, detail, requestId,
                                    System.currentTimeMillis());
        }
    }

    /**
     * A reply of the parent area, on {@code /parent}: one of the records in {@link ParentReplies}.
     */
    non-sealed interface Parent extends ServerMessage {
    }

    /**
     * A message of the {@code /setup} route, where a parent installs models; the records are in
     * {@link SetupMessages}.
     */
    non-sealed interface Setup extends ServerMessage {
    }
}
