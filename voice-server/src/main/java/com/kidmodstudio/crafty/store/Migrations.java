package com.kidmodstudio.crafty.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * The database schema as numbered steps. {@code schema_version} records every step applied;
 * at start-up the steps a database lacks are applied in order, each in its own transaction with
 * its row in {@code schema_version}, so a crash leaves the database at a complete version. A
 * database from a newer Crafty (a version this one does not know) is not touched.
 *
 * <p>To change the schema, add a step at the end; never edit a step that has shipped.
 */
final class Migrations {
    /** The steps, version 1 first. */
    static final List<Migration> STEPS = List.of(
            new Migration(1, "sessions", List.of("""
                    CREATE TABLE sessions (
                        id         TEXT PRIMARY KEY,
                        title      TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        language   TEXT NOT NULL,
                        model      TEXT
                    )""")),
            new Migration(2, "messages", List.of("""
                    CREATE TABLE messages (
                        id         INTEGER PRIMARY KEY AUTOINCREMENT,
                        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                        role       TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
                        text       TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        voice      INTEGER NOT NULL DEFAULT 0,
                        partial    INTEGER NOT NULL DEFAULT 0
                    )""", "CREATE INDEX messages_by_session ON messages(session_id, id)")),
            new Migration(3, "sessions by last update, for the list and retention",
                          List.of("CREATE INDEX sessions_by_update ON sessions(updated_at)")),
            new Migration(4, "safety events: what the safety layer recognised and when, never the words", List.of("""
                    CREATE TABLE safety_events (
                        id       INTEGER PRIMARY KEY AUTOINCREMENT,
                        category TEXT NOT NULL,
                        at       INTEGER NOT NULL
                    )""", "CREATE INDEX safety_events_by_time ON safety_events(at)")),
            new Migration(5, "parent area: sessions the child hid, parent settings, daily talk time", List.of(
                    "ALTER TABLE sessions ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0",
                    "CREATE TABLE parent_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE TABLE usage (day TEXT PRIMARY KEY, active_ms INTEGER NOT NULL)")));

    private Migrations() {
    }

    /**
     * The version this Crafty writes.
     *
     * @return the last step's version
     */
    static int latest() {
        return STEPS.getLast().version();
    }

    /**
     * Brings a database up to {@link #latest()}.
     *
     * @param connection a connection in auto-commit mode
     * @param clock      the time recorded for each step
     * @return the version the database is at
     * @throws SQLException   when a step fails (it is rolled back)
     * @throws StoreException when the database is newer than this Crafty
     */
    static int apply(Connection connection, Clock clock) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                                      + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current = current(connection);
        if (current > latest()) {
            throw new StoreException("it was written by a newer Crafty (schema " + current + ", this one knows "
                                             + latest() + ") and is left untouched", null);
        }
        for (Migration step : STEPS) {
            if (step.version() > current) {
                step.apply(connection, clock.millis());
                current = step.version();
            }
        }
        return current;
    }

    /**
     * The version a database is at.
     *
     * @param connection the connection
     * @return the highest version applied, 0 for a new database
     * @throws SQLException when it cannot be read
     */
    static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    /**
     * One step of the schema.
     *
     * @param version     its number, one more than the step before
     * @param description what it does
     * @param statements  the SQL it runs
     */
    record Migration(int version, String description, List<String> statements) {
        void apply(Connection connection, long now) throws SQLException {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, description);
                    insert.setLong(3, now);
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
