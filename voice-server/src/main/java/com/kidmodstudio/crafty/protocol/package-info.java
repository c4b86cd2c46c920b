/**
 * The WebSocket protocol in one place: what clients send ({@link com.kidmodstudio.crafty.protocol.ClientMessage},
 * one sealed set per route, decoded and validated by {@link com.kidmodstudio.crafty.protocol.Inbound})
 * and what the server sends ({@link com.kidmodstudio.crafty.protocol.ServerMessage}, encoded by
 * {@link com.kidmodstudio.crafty.protocol.Outbound}). Control messages are JSON text frames;
 * audio travels in binary frames. {@code docs/protocol.md} documents every message, and its
 * examples in {@code docs/protocol/} are loaded by the tests.
 */
package com.kidmodstudio.crafty.protocol;
