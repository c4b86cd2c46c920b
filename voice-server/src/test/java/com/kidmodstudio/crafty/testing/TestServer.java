package com.kidmodstudio.crafty.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Configuration for servers started by tests: the shipped application.properties with test
 * overrides on top, exactly as environment variables would override it.
 */
public final class TestServer {
    private TestServer() {
    }

    /**
     * The application configuration with overrides.
     *
     * @param overrides keys such as {@code ollama.url}
     * @return the configuration
     */
    public static Config config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        values.putIfAbsent("server.port", "0");
        // tests keep the conversation history in memory unless they choose a file
        values.putIfAbsent("store.path", ":memory:");
        // and never pick up speech models installed on the developer's machine
        values.putIfAbsent("models.dir", "target/no-models");
        values.putIfAbsent("speech.natives", "target/natives");
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.properties"))
                .build();
    }

    /**
     * The WebSocket URI of a route on a running server.
     *
     * @param server the server
     * @param path   e.g. {@code /chat}
     * @return the URI
     */
    public static URI ws(WebServer server, String path) {
        return ws(server.port(), path);
    }

    /**
     * The WebSocket URI of a route on a port.
     *
     * @param port the server's port
     * @param path e.g. {@code /chat}
     * @return the URI
     */
    public static URI ws(int port, String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /**
     * The HTTP URI of a path on a running server.
     *
     * @param server the server
     * @param path   e.g. {@code /status}
     * @return the URI
     */
    public static URI http(WebServer server, String path) {
        return http(server.port(), path);
    }

    /**
     * The HTTP URI of a path on a port.
     *
     * @param port the server's port
     * @param path e.g. {@code /status}
     * @return the URI
     */
    public static URI http(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Applies a port of 0 to a server builder.
     *
     * @param builder the builder
     * @return the builder
     */
    public static WebServerConfig.Builder ephemeral(WebServerConfig.Builder builder) {
        return builder.host("127.0.0.1").port(0);
    }
}
