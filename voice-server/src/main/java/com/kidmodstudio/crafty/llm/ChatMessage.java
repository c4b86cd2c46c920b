package com.kidmodstudio.crafty.llm;

import java.util.Objects;

/**
 * One message of a conversation as the language model sees it.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {
    /** Role of the persona prompt. */
    public static final String SYSTEM = "system";
    /** Role of the child's messages. */
    public static final String USER = "user";
    /** Role of Crafty's replies. */
    public static final String ASSISTANT = "assistant";

    /**
     * Validates the message.
     *
     * @param role    the role
     * @param content the text
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
