/**
 * The voice pipeline between the sockets and the engines: audio coming in (converted once, at the
 * edge, to 16 kHz mono 16-bit), partial transcripts while the child speaks, and replies spoken
 * sentence by sentence while the language model is still writing, each from the token that ends
 * it ({@code SentenceSpeaker}).
 */
package com.kidmodstudio.crafty.voice;
