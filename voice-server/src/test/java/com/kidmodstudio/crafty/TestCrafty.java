package com.kidmodstudio.crafty;

import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import com.kidmodstudio.crafty.testing.TestServer;

/**
 * Starts the real routes for tests, configured like production with test overrides.
 */
public final class TestCrafty {
    private TestCrafty() {
    }

    /**
     * Registers the real routes on a test server builder (for {@code @SetUpServer}).
     *
     * @param builder   the builder
     * @param overrides configuration keys to override
     * @return the components the routes use
     */
    public static Crafty setUp(WebServerConfig.Builder builder, Map<String, String> overrides) {
        Crafty crafty = Crafty.create(TestServer.config(overrides));
        Main.setUp(builder, crafty);
        return crafty;
    }

    /**
     * Starts a server on an ephemeral loopback port.
     *
     * @param overrides configuration keys to override
     * @return the running server; close it when done
     */
    public static Running start(Map<String, String> overrides) {
        return start(overrides, Clock.systemDefaultZone(), UnaryOperator.identity());
    }

    /**
     * Starts a server on an ephemeral loopback port with components changed by the test, e.g.
     * engines that fail on purpose.
     *
     * @param overrides configuration keys to override
     * @param change    turns the configured components into the ones the routes use
     * @return the running server; close it when done
     */
    public static Running start(Map<String, String> overrides, UnaryOperator<Crafty> change) {
        return start(overrides, Clock.systemDefaultZone(), change);
    }

    /**
     * Starts a server on an ephemeral loopback port whose parent rules read a given clock.
     *
     * @param overrides configuration keys to override
     * @param clock     the clock of quiet hours, daily limits and breaks
     * @return the running server; close it when done
     */
    public static Running start(Map<String, String> overrides, Clock clock) {
        return start(overrides, clock, UnaryOperator.identity());
    }

    private static Running start(Map<String, String> overrides, Clock clock, UnaryOperator<Crafty> change) {
        Crafty crafty = change.apply(Crafty.create(TestServer.config(overrides), clock));
        WebServer server = WebServer.builder()
                .update(TestServer::ephemeral)
                .update(builder -> Main.setUp(builder, crafty))
                .build()
                .start();
        return new Running(server, crafty);
    }

    /**
     * A server started by a test, with its engines.
     *
     * @param server the web server
     * @param crafty its components
     */
    public record Running(WebServer server, Crafty crafty) implements AutoCloseable {
        /**
         * The port it listens on.
         *
         * @return the port
         */
        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.stop();
            crafty.close();
        }
    }
}
