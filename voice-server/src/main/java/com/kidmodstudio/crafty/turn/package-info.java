/**
 * The turn path every WebSocket route shares: a {@link com.kidmodstudio.crafty.turn.Turn} is one
 * request in flight that ends with exactly one final message ({@code done}, {@code cancelled} or
 * {@code error}); a {@link com.kidmodstudio.crafty.turn.TurnSlot} runs a connection's turns one at
 * a time on virtual threads and holds the one catch that turns whatever a turn throws into that
 * final message; {@link com.kidmodstudio.crafty.turn.Texts} words every error (and the welcome)
 * for the child.
 */
package com.kidmodstudio.crafty.turn;
