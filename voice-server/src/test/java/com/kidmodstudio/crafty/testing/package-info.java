/**
 * Test support: a WebSocket client over the JDK's {@code java.net.http.WebSocket} that collects
 * what the server sends, and servers started with the real routes on an ephemeral port.
 */
package com.kidmodstudio.crafty.testing;
