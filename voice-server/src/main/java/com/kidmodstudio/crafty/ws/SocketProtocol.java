package com.kidmodstudio.crafty.ws;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * Turns Crafty's WebSocket connections on for a server: add it to the server's protocols
 * ({@code server.addProtocol(SocketProtocol.create(settings))}) and every WebSocket route is
 * served by {@link SocketConnection} with these settings instead of Helidon's own connection.
 * {@link SocketUpgradeProvider} finds it there.
 */
public final class SocketProtocol implements ProtocolConfig {
    static final String TYPE = "crafty-websocket";

    private final SocketSettings settings;

    private SocketProtocol(SocketSettings settings) {
        this.settings = settings;
    }

    /**
     * The protocol configuration for a server.
     *
     * @param settings how the connections behave
     * @return the configuration to add to the server
     */
    public static SocketProtocol create(SocketSettings settings) {
        return new SocketProtocol(settings);
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    SocketSettings settings() {
        return settings;
    }
}
