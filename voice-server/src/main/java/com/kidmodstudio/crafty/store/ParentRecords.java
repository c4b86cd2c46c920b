package com.kidmodstudio.crafty.store;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the parent area keeps beside the conversations: the parent's settings as name/value
 * pairs, and the child's active talk time per local day. Thread-safe; every write is committed
 * before it returns.
 */
public interface ParentRecords {

    /**
     * The stored settings.
     *
     * @return name to value; empty when the parent never saved any
     */
    Map<String, String> settings();

    /**
     * Replaces the stored settings.
     *
     * @param settings name to value
     */
    void saveSettings(Map<String, String> settings);

    /**
     * The active talk time of a day.
     *
     * @param day the local day
     * @return milliseconds, 0 when nothing was counted
     */
    long usage(LocalDate day);

    /**
     * Adds active talk time to a day.
     *
     * @param day    the local day
     * @param millis how much to add
     */
    void addUsage(LocalDate day, long millis);
}
