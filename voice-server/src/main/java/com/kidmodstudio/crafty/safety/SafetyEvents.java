package com.kidmodstudio.crafty.safety;

import java.time.Instant;

/**
 * Where safety events are recorded: the category and the time, never the words. The
 * conversation store implements it, so a parent can see them.
 */
@FunctionalInterface
public interface SafetyEvents {

    /**
     * Records that the safety layer acted.
     *
     * @param category what it recognised
     * @param at       when
     */
    void record(Category category, Instant at);

    /**
     * Records nothing.
     *
     * @return a recorder that drops every event
     */
    static SafetyEvents none() {
        return (category, at) -> {
        };
    }
}
