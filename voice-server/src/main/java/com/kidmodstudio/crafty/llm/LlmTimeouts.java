package com.kidmodstudio.crafty.llm;

import java.time.Duration;
import java.util.Objects;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;

/**
 * How long a language model client waits at each step of a request.
 *
 * @param connect    for the TCP connection ({@code llm.connect})
 * @param firstToken from sending the request to the first token; covers loading the model
 *                   ({@code llm.first})
 * @param idle       longest pause between two tokens ({@code llm.idle})
 * @param health     for a whole health probe ({@code llm.health})
 */
public record LlmTimeouts(Duration connect, Duration firstToken, Duration idle, Duration health) {
    /** The documented defaults: 2 s, 120 s, 30 s and 300 ms. */
    public static final LlmTimeouts DEFAULTS =
            new LlmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofMillis(300));

    /**
     * Validates the timeouts.
     *
     * @param connect    TCP connect timeout
     * @param firstToken first-token timeout
     * @param idle       idle timeout between tokens
     * @param health     health probe timeout
     */
    public LlmTimeouts {
        for (Duration d : new Duration[] {connect, firstToken, idle, health}) {
            if (Objects.requireNonNull(d, "timeout").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /**
     * Reads {@code connect}, {@code first}, {@code idle} and {@code health} from the
     * {@code llm} subtree, each defaulting to {@link #DEFAULTS}.
     *
     * @param llm the {@code llm} configuration subtree
     * @return the timeouts
     * @throws ConfigProblem naming the key when a value is not a positive duration
     */
    public static LlmTimeouts create(Config llm) {
        return new LlmTimeouts(positive(llm, "connect", DEFAULTS.connect()),
                               positive(llm, "first", DEFAULTS.firstToken()),
                               positive(llm, "idle", DEFAULTS.idle()),
                               positive(llm, "health", DEFAULTS.health()));
    }

    private static Duration positive(Config llm, String key, Duration fallback) {
        Duration value = Settings.duration(llm, key, fallback);
        if (value.isZero()) {
            String parent = llm.key().toString();
            throw new ConfigProblem(parent.isEmpty() ? key : parent + "." + key, Settings.string(llm, key, ""),
                                    "expected a duration above zero such as 500ms, 30s or 2m");
        }
        return value;
    }
}
