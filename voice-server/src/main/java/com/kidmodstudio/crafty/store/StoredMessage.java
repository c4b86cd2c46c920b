package com.kidmodstudio.crafty.store;

import java.time.Instant;

/**
 * One message of a conversation as stored. Ids grow with every message ever stored and are
 * never reused, so they order a conversation and serve as paging cursors.
 *
 * @param id      the message id
 * @param role    {@code user} (the child) or {@code assistant} (Crafty)
 * @param text    the text
 * @param at      when it was stored
 * @param voice   whether it travelled as speech: a question spoken into the microphone, a reply
 *                spoken aloud
 * @param partial whether it is a reply that is still being written, or was cut off by a stop or
 *                a crash
 */
public record StoredMessage(long id, String role, String text, Instant at, boolean voice, boolean partial) {
}
