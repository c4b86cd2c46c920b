package com.kidmodstudio.crafty;

import java.util.Properties;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * The sidecar's configuration: the embedded defaults, with system properties over them (and
 * environment variables over both, which {@code MainProcessTest} sets on a real process), taken
 * literally.
 */
class MainConfigurationTest {
    @Test
    void the_embedded_defaults_are_read() {
        Config config = Main.configuration();
        assertThat(config.get("server.host").asString().get(), is("127.0.0.1"));
        assertThat(config.get("crafty.history").asInt().get(), is(20));
    }

    @Test
    void every_embedded_default_is_in_the_configuration() {
        Config config = Main.configuration();
        Properties embedded = Main.embeddedDefaults();
        assertThat(embedded.size(), greaterThan(50));
        for (String key : embedded.stringPropertyNames()) {
            String value = embedded.getProperty(key);
            if (!value.isEmpty()) {
                assertThat(key, config.get(key).asString().get(), is(value));
            }
        }
    }

    @Test
    void a_system_property_wins_and_is_taken_as_written() {
        System.setProperty("crafty.history", "7");
        System.setProperty("crafty.test-literal", "${HOME}/x");
        try {
            Config config = Main.configuration();
            assertThat(config.get("crafty.history").asInt().get(), is(7));
            assertThat(config.get("crafty.test-literal").asString().get(), is("${HOME}/x"));
        } finally {
            System.clearProperty("crafty.history");
            System.clearProperty("crafty.test-literal");
        }
    }
}
