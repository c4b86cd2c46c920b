package com.kidmodstudio.crafty.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }

    @Test
    void bad_port_names_the_key_and_its_environment_variable() {
        ConfigProblem problem = assertThrows(ConfigProblem.class,
                                             () -> Settings.port(config(Map.of("server.port", "80a")).get("server"), "port", 1));
        assertThat(problem.getMessage(), containsString("server.port (SERVER_PORT)"));
        assertThat(problem.getMessage(), containsString("\"80a\""));
        assertThrows(ConfigProblem.class, () -> Settings.port(config(Map.of("p", "65536")), "p", 1));
        assertThat(Settings.port(config(Map.of()), "p", 3847), is(3847));
    }

    @Test
    void malformed_url_names_the_key() {
        Config llm = config(Map.of("llm.url", "localhost:11434")).get("llm");
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Settings.httpUrl(llm, "url", "http://x"));
        assertThat(problem.key(), is("llm.url"));
        assertThat(Settings.httpUrl(config(Map.of("u", "http://127.0.0.1:11434/")), "u", "").toString(),
                   is("http://127.0.0.1:11434"));
        assertThat(Settings.httpUrl(config(Map.of()), "u", "http://a:1").toString(), is("http://a:1"));
    }

    @Test
    void one_of_lists_the_allowed_values() {
        ConfigProblem problem = assertThrows(ConfigProblem.class,
                () -> Settings.oneOf(config(Map.of("llm.provider", "gpt")).get("llm"), "provider", "ollama",
                                     Set.of("ollama", "openai")));
        assertThat(problem.getMessage(), containsString("LLM_PROVIDER"));
        assertThat(problem.getMessage(), containsString("ollama, openai"));
        assertThat(Settings.oneOf(config(Map.of("p", "OpenAI")), "p", "ollama", Set.of("ollama", "openai")), is("openai"));
    }

    @Test
    void durations_accept_units_and_iso() {
        assertThat(Settings.duration(config(Map.of("d", "300ms")), "d", Duration.ZERO), is(Duration.ofMillis(300)));
        assertThat(Settings.duration(config(Map.of("d", "2s")), "d", Duration.ZERO), is(Duration.ofSeconds(2)));
        assertThat(Settings.duration(config(Map.of("d", "1.5s")), "d", Duration.ZERO), is(Duration.ofMillis(1500)));
        assertThat(Settings.duration(config(Map.of("d", "5m")), "d", Duration.ZERO), is(Duration.ofMinutes(5)));
        assertThat(Settings.duration(config(Map.of("d", "PT10S")), "d", Duration.ZERO), is(Duration.ofSeconds(10)));
        assertThat(Settings.duration(config(Map.of("d", "90d")), "d", Duration.ZERO), is(Duration.ofDays(90)));
        assertThrows(ConfigProblem.class, () -> Settings.duration(config(Map.of("d", "soon")), "d", Duration.ZERO));
    }

    @Test
    void flags_and_integers_are_checked() {
        assertThat(Settings.flag(config(Map.of("f", "TRUE")), "f", false), is(true));
        assertThrows(ConfigProblem.class, () -> Settings.flag(config(Map.of("f", "maybe")), "f", false));
        assertThrows(ConfigProblem.class, () -> Settings.integer(config(Map.of("i", "0")), "i", 5, 1, 10));
        assertThat(ConfigProblem.envName("llm.api.key"), is("LLM_API_KEY"));
    }
}
