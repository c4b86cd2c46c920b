package com.kidmodstudio.crafty.config;

import java.util.Locale;

/**
 * An invalid configuration value. {@code Main} prints {@link #getMessage()} as one line and
 * exits; nothing else catches it.
 */
public final class ConfigProblem extends RuntimeException {
    private final String key;

    /**
     * Creates the problem.
     *
     * @param key    the configuration key, e.g. {@code server.port}
     * @param value  the offending value as given
     * @param reason what is wrong and what is expected
     */
    public ConfigProblem(String key, String value, String reason) {
        super("Invalid configuration " + key + " (" + envName(key) + ") = \"" + value + "\": " + reason,
              null, false, false);
        this.key = key;
    }

    /**
     * The key at fault.
     *
     * @return e.g. {@code server.port}
     */
    public String key() {
        return key;
    }

    /**
     * The environment variable that sets a key: {@code llm.api.key} is {@code LLM_API_KEY}.
     *
     * @param key a configuration key
     * @return its environment variable name
     */
    public static String envName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
