package com.kidmodstudio.crafty;

import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.web.StatusService;

/**
 * Starts the voice server: reads the configuration, builds the engines, wires the routes.
 */
public final class Main {
    private static final Logger LOGGER = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Entry point. Exits with status 2 and one line on standard error when the configuration
     * is invalid.
     *
     * @param args ignored; configuration comes from application.yaml and the environment
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            WebServer server = start(Config.create());
            LOGGER.info(() -> "Crafty voice server listening on http://" + server.prototype().host() + ":" + server.port());
        } catch (ConfigProblem problem) {
            System.err.println(problem.getMessage());
            System.exit(2);
        }
    }

    /**
     * Validates the configuration and starts the server.
     *
     * @param config the root configuration
     * @return the running server
     */
    static WebServer start(Config config) {
        Config server = config.get("server");
        String host = Settings.string(server, "host", "127.0.0.1");
        int port = Settings.port(server, "port", 3847);
        return WebServer.builder()
                .host(host)
                .port(port)
                .update(builder -> setUp(builder))
                .build()
                .start();
    }

    /**
     * Registers every HTTP and WebSocket route; tests call this on their own server builder.
     *
     * @param server the server being configured
     */
    static void setUp(WebServerConfig.Builder server) {
        server.routing(http -> http.register("/status", new StatusService()));
    }
}
