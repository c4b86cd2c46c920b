/**
 * Every WebSocket connection of the server, in one place: Crafty's own implementation of the
 * connection behind Helidon's handshake, so that every route is a well-behaved RFC 6455 endpoint
 * without doing anything itself. It reassembles fragmented messages before decoding them,
 * validates UTF-8 over the whole message, enforces the message limits while reading, answers
 * pings, pings silent peers and closes dead or idle ones, and sends through a bounded queue per
 * connection, so that a client that stops reading is closed instead of stalling anything.
 *
 * <p>Routes stay plain {@link io.helidon.websocket.WsListener}s registered with
 * {@link io.helidon.webserver.websocket.WsRouting}; {@link com.kidmodstudio.crafty.ws.SocketListener}
 * adds what a route may want to know (a message over its limit, whether it is busy).
 * {@code Main} switches the server over with one {@link com.kidmodstudio.crafty.ws.SocketProtocol}.
 */
package com.kidmodstudio.crafty.ws;
