package com.kidmodstudio.crafty.store;

import java.util.List;

/**
 * A page of a conversation's messages.
 *
 * @param messages the messages, oldest first
 * @param before   the cursor for the next older page (the oldest id on this page), or
 *                 {@code null} when there are no older messages
 */
public record MessagePage(List<StoredMessage> messages, Long before) {
    /**
     * Copies the list.
     *
     * @param messages the messages, oldest first
     * @param before   the cursor for older messages, or {@code null}
     */
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
