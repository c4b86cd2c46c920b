package com.kidmodstudio.crafty.ws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.NotFoundException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRoute;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsUpgradeException;

/**
 * The opening handshake, as Helidon 4.3's {@link WsUpgrader} does it (route lookup, version 13,
 * origin allow-list, the listener's {@code onHttpUpgrade}, the {@code 101} response with the
 * accept hash), handing the socket to a {@link SocketConnection} instead of Helidon's connection.
 * A request without a {@code Sec-WebSocket-Key}, or one the listener refuses, is left to HTTP
 * routing, as Helidon does; a handshake to a path without a socket route is answered 404.
 */
final class SocketUpgrader extends WsUpgrader {
    private static final Logger LOGGER = Logger.getLogger(SocketUpgrader.class.getName());
    private static final Headers NO_HEADERS = WritableHeaders.create();

    private final SocketSettings settings;

    SocketUpgrader(WsConfig helidon, SocketSettings settings) {
        super(helidon);
        this.settings = settings;
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        Optional<String> key = headers.first(WS_KEY);
        if (key.isEmpty()) {
            return null;
        }
        String version = headers.first(WS_VERSION).orElse(SUPPORTED_VERSION);
        if (!SUPPORTED_VERSION.equals(version)) {
            throw RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST)
                    .message("Unsupported WebSocket Version").header(SUPPORTED_VERSION_HEADER).build();
        }
        if (!validKey(key.get())) {
            throw RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST)
                    .message("Invalid Sec-WebSocket-Key").build();
        }
        WsRoute route = route(ctx, prologue);
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        if (!anyOrigin() && origin.isPresent() && !origins().contains(origin.get())) {
            throw RequestException.builder().type(DirectHandler.EventType.FORBIDDEN).message("Invalid Origin").build();
        }
        WsListener listener = route.listener();
        Optional<Headers> extra;
        try {
            extra = listener.onHttpUpgrade(prologue, headers);
        } catch (WsUpgradeException e) {
            LOGGER.log(Level.FINE, "WebSocket upgrade refused", e);
            return null;
        }
        BufferData response = BufferData.growing(256);
        response.write((SWITCHING_PROTOCOL_PREFIX + hash(ctx, key.get()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        extra.ifPresent(more -> more.forEach(header -> header.writeHttp1Header(response)));
        response.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        ctx.dataWriter().writeNow(response);
        return new SocketConnection(ctx, listener, extra.orElse(NO_HEADERS), settings);
    }

    /**
     * The socket route of the path. Helidon's lookup throws {@link NotFoundException} for a path
     * without one, which its HTTP/1 connection would answer with 500 and a logged warning; a
     * handshake to such a path (even one that has an HTTP route) is a plain 404.
     */
    private static WsRoute route(ConnectionContext ctx, HttpPrologue prologue) {
        try {
            WsRoute route = ctx.router().routing(WsRouting.class, WsRouting.empty()).findRoute(prologue);
            if (route != null) {
                return route;
            }
        } catch (NotFoundException e) {
            LOGGER.log(Level.FINE, "WebSocket upgrade to a path without a socket route", e);
        }
        throw RequestException.builder().type(DirectHandler.EventType.OTHER).status(Status.NOT_FOUND_404)
                .message("No WebSocket route at this path").build();
    }

    private static boolean validKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
