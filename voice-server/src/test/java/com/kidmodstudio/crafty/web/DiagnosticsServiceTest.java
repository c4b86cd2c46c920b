package com.kidmodstudio.crafty.web;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class DiagnosticsServiceTest {

    @Test
    void effective_configuration_masks_secrets_and_leaves_out_foreign_environment() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "crafty.token", "0123456789abcdef0123", "llm.api.key", "sk-secret", "llm.url", "", "ollama.model", "llama3.2",
                "home", "/root", "aws.secret", "x")));
        Map<String, String> effective = DiagnosticsService.effective(config);
        assertThat(effective.get("crafty.token"), is("***"));
        assertThat(effective.get("llm.api.key"), is("***"));
        assertThat(effective.get("llm.url"), is(""));
        assertThat(effective.get("ollama.model"), is("llama3.2"));
        assertThat(effective, not(hasKey("home")));
        assertThat(effective, not(hasKey("aws.secret")));
    }
}
