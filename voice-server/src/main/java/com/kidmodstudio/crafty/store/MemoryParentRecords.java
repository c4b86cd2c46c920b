package com.kidmodstudio.crafty.store;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parent records of the in-memory fallback store: kept until Crafty stops.
 */
final class MemoryParentRecords implements ParentRecords {
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<LocalDate, Long> usage = new HashMap<>();

    @Override
    public synchronized Map<String, String> settings() {
        return new LinkedHashMap<>(settings);
    }

    @Override
    public synchronized void saveSettings(Map<String, String> values) {
        settings.clear();
        settings.putAll(values);
    }

    @Override
    public synchronized long usage(LocalDate day) {
        return usage.getOrDefault(day, 0L);
    }

    @Override
    public synchronized void addUsage(LocalDate day, long millis) {
        usage.merge(day, millis, Long::sum);
    }
}
