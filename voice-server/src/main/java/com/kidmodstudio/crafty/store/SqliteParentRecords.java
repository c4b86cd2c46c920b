package com.kidmodstudio.crafty.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parent's settings and the daily talk time in the conversations' SQLite database (tables
 * {@code parent_settings} and {@code usage}).
 */
final class SqliteParentRecords implements ParentRecords {
    private final SqliteDatabase db;

    SqliteParentRecords(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, String> settings() {
        return db.read(c -> {
            Map<String, String> settings = new LinkedHashMap<>();
            try (Statement query = c.createStatement();
                 ResultSet rows = query.executeQuery("SELECT name, value FROM parent_settings ORDER BY name")) {
                while (rows.next()) {
                    settings.put(rows.getString(1), rows.getString(2));
                }
            }
            return settings;
        });
    }

    @Override
    public void saveSettings(Map<String, String> settings) {
        db.write(c -> {
            try (Statement clear = c.createStatement()) {
                clear.executeUpdate("DELETE FROM parent_settings");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO parent_settings (name, value) VALUES (?, ?)")) {
                for (Map.Entry<String, String> setting : settings.entrySet()) {
                    insert.setString(1, setting.getKey());
                    insert.setString(2, setting.getValue());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public long usage(LocalDate day) {
        return db.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT active_ms FROM usage WHERE day = ?")) {
                query.setString(1, day.toString());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void addUsage(LocalDate day, long millis) {
        db.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO usage (day, active_ms) VALUES (?, ?) "
                            + "ON CONFLICT (day) DO UPDATE SET active_ms = active_ms + excluded.active_ms")) {
                upsert.setString(1, day.toString());
                upsert.setLong(2, millis);
                return upsert.executeUpdate();
            }
        });
    }
}
