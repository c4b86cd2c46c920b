package com.kidmodstudio.crafty.protocol;

import java.util.List;

/**
 * The replies of the parent area on {@code /parent}. Each answers one {@code parent:*} request
 * and carries its {@code requestId}.
 */
public final class ParentReplies {
    private ParentReplies() {
    }

    /**
     * {@code parent:state}.
     *
     * @param pinSet      whether a PIN has been set (else the panel asks for a new one)
     * @param unlocked    whether this socket has a live parent session
     * @param lockedUntil while wrong tries lock the PIN: until when, milliseconds since the epoch
     * @param requestId   the request's id
     */
    public record State(boolean pinSet, boolean unlocked, Long lockedUntil, String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:state";
        }
    }

    /**
     * {@code parent:unlocked}: the PIN was right (or set); this socket has a parent session.
     *
     * @param expiresInMs how long the session lives after its last use
     * @param requestId   the request's id
     */
    public record Unlocked(long expiresInMs, String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:unlocked";
        }
    }

    /**
     * {@code parent:locked}: the parent session has ended.
     *
     * @param requestId the request's id
     */
    public record Locked(String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:locked";
        }
    }

    /**
     * {@code parent:overview}.
     *
     * @param settings     the settings in force
     * @param usage        today's talk time
     * @param sessions     every conversation, hidden ones too, the most recently updated first
     * @param safetyEvents the newest safety events, newest first
     * @param requestId    the request's id
     */
    public record Overview(Settings settings, Usage usage, List<ServerMessage.SessionSummary> sessions,
                           List<SafetyEvent> safetyEvents, String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:overview";
        }
    }

    /**
     * {@code parent:conversation}: one conversation with all its messages, oldest first.
     *
     * @param session   the conversation
     * @param messages  its messages
     * @param requestId the request's id
     */
    public record Conversation(ServerMessage.SessionSummary session, List<ServerMessage.HistoryMessage> messages,
                               String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:conversation";
        }
    }

    /**
     * {@code parent:settings}: the settings now in force, after a change.
     *
     * @param settings  the settings
     * @param requestId the request's id
     */
    public record SettingsChanged(Settings settings, String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:settings";
        }
    }

    /**
     * {@code parent:deleted}: the conversation and its messages are deleted for good.
     *
     * @param sessionId the conversation
     * @param requestId the request's id
     */
    public record Deleted(String sessionId, String requestId) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:deleted";
        }
    }

    /**
     * {@code parent:error}: same fields as {@code error}, plus what the PIN codes need.
     *
     * @param code        e.g. {@code wrong_pin}
     * @param category    {@code invalid_request}
     * @param content     a friendly explanation in the configured language
     * @param error       a short technical description in English
     * @param triesLeft   for {@code wrong_pin}: wrong tries left before a lock
     * @param lockedUntil for {@code pin_locked}: until when, milliseconds since the epoch
     * @param requestId   the request's id
     * @param timestamp   milliseconds since the epoch
     */
    public record Failure(String code, String category, String content, String error, Integer triesLeft, Long lockedUntil,
                        String requestId, long timestamp) implements ServerMessage.Parent {
        @Override
        public String type() {
            return "parent:error";
        }

        /**
         * Creates the message for a code.
         *
         * @param code        the error
         * @param content     the friendly text
         * @param detail      the technical description
         * @param triesLeft   tries left, or {@code null}
         * @param lockedUntil end of the lock, or {@code null}
         * @param requestId   the request's id
         * @return the message
         */
        public static Failure of(ErrorCode code, String content, String detail, Integer triesLeft, Long lockedUntil,
                               String requestId) {
            return new Failure(code.wire(), code.category().wire(), content, detail, triesLeft, lockedUntil, requestId,
                             System.currentTimeMillis());
        }
    }

    /**
     * The parent's settings on the wire (see {@code ParentSettings} for their meaning and defaults).
     *
     * @param language          {@code de} or {@code en}
     * @param dailyLimitMinutes talk time allowed per day; 0 means no limit
     * @param quietFrom         start of the quiet hours, {@code HH:mm}, absent when there are none
     * @param quietUntil        end of the quiet hours, {@code HH:mm}
     * @param breakAfterMinutes continuous talk before a break reminder; 0 means never
     * @param guard             whether the guard model is on
     * @param helplineCountry   the country whose helplines crisis answers name
     * @param retentionDays     how long conversations are kept; 0 keeps all
     */
    public record Settings(String language, long dailyLimitMinutes, String quietFrom, String quietUntil,
                           long breakAfterMinutes, boolean guard, String helplineCountry, long retentionDays) {
    }

    /**
     * Today's talk time.
     *
     * @param day               the local day, {@code yyyy-MM-dd}
     * @param todayMs           active talk time so far
     * @param dailyLimitMinutes the limit, 0 for none
     */
    public record Usage(String day, long todayMs, long dailyLimitMinutes) {
    }

    /**
     * A safety event: what kind and when, never text.
     *
     * @param category what the safety layer recognised, e.g. {@code self_harm}
     * @param at       milliseconds since the epoch
     */
    public record SafetyEvent(String category, long at) {
    }
}
