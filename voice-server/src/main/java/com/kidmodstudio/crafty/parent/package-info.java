/**
 * The parent area: the parent's settings ({@link com.kidmodstudio.crafty.parent.ParentSettings}),
 * the time rules the sidecar enforces on every turn ({@link com.kidmodstudio.crafty.parent.TurnGate}:
 * daily limit, quiet hours, break reminder), the PIN that protects the area
 * ({@link com.kidmodstudio.crafty.parent.ParentPin}) and the short-lived sessions it opens.
 * Everything that depends on the time takes a {@link java.time.Clock}.
 */
package com.kidmodstudio.crafty.parent;
