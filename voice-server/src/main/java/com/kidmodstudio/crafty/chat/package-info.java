/**
 * Conversations with Crafty: the persona, the per-session memory, and the turn that streams one
 * reply from the language model. Shared by the text route and the voice route.
 */
package com.kidmodstudio.crafty.chat;
