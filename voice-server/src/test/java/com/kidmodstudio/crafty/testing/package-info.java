/**
 * Test support: a WebSocket client over the JDK's {@code java.net.http.WebSocket} that collects
 * what the server sends, a raw WebSocket client that writes and reads frames by hand for tests of
 * the protocol itself, and servers started with the real routes on an ephemeral port.
 */
package com.kidmodstudio.crafty.testing;
