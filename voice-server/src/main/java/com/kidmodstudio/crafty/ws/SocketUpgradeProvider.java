package com.kidmodstudio.crafty.ws;

import io.helidon.common.Weight;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.websocket.WsConfig;

/**
 * Helidon's HTTP/1 connection asks every {@link Http1UpgradeProvider} (a Java service) for
 * upgraders and keeps the first one per protocol, heaviest provider first. This provider weighs
 * more than Helidon's own WebSocket provider, so on a server that has a {@link SocketProtocol}
 * the {@code websocket} upgrade is Crafty's; on any other server it creates nothing and Helidon's
 * upgrader stays. Helidon's {@code WsConfig} of the server still applies (its origin allow-list).
 */
@Weight(200)
public final class SocketUpgradeProvider implements Http1UpgradeProvider<SocketProtocol> {
    /** Called by the service loader. */
    public SocketUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return SocketProtocol.TYPE;
    }

    @Override
    public Class<SocketProtocol> protocolConfigType() {
        return SocketProtocol.class;
    }

    @Override
    public Http1Upgrader create(SocketProtocol config, ProtocolConfigs configs) {
        WsConfig helidon = configs.config("websocket", WsConfig.class).stream().findFirst().orElseGet(WsConfig::create);
        return new SocketUpgrader(helidon, config.settings());
    }
}
