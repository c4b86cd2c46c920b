/**
 * Conversations with Crafty: the persona, the saved conversations (read from and written to the
 * {@link com.kidmodstudio.crafty.store.ConversationStore}), the {@code session:*} requests, and the
 * turn that streams one reply from the language model through the safety layer
 * ({@link com.kidmodstudio.crafty.safety.SafetyLayer}). Shared by the text route and the voice route.
 */
package com.kidmodstudio.crafty.chat;
