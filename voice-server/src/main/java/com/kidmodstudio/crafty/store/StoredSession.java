package com.kidmodstudio.crafty.store;

import java.time.Instant;

/**
 * One conversation as stored.
 *
 * @param id       the session id
 * @param title    the title: given when the session was created, else the start of its first
 *                 question; {@code null} while it has neither
 * @param created  when it was created
 * @param updated  when a message was last added or completed (retention counts from here)
 * @param language the language Crafty spoke in it, {@code de} or {@code en}
 * @param model    the language model it was created for, or {@code null} when unknown
 * @param messages how many messages it has
 * @param hidden   whether the child hid it: it is left out of the child's list, a parent still sees it
 */
public record StoredSession(String id, String title, Instant created, Instant updated, String language, String model,
                            int messages, boolean hidden) {
}
