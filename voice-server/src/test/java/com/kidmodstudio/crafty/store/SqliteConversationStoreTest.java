package com.kidmodstudio.crafty.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SQLite store on real files: the contract, plus what only a file has: a restart, the
 * schema's migrations, and files that are locked, damaged or from a newer Crafty.
 */
class SqliteConversationStoreTest extends ConversationStoreContract {
    @TempDir
    Path dir;

    @Override
    ConversationStore open() {
        return open(dir.resolve("crafty.db"));
    }

    private SqliteConversationStore open(Path file) {
        return SqliteConversationStore.open(file.toString(), Duration.ofMillis(300), "de", "llama3.2:latest", clock);
    }

    static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void history_survives_closing_and_reopening_the_file() {
        Path file = dir.resolve("restart.db");
        try (SqliteConversationStore first = open(file)) {
            first.reply(first.begin("s", "Merkst du dir das?", true, false).reply(), "Ja!", false);
        }
        try (SqliteConversationStore second = open(file)) {
            List<StoredMessage> messages = second.recent("s", 10);
            assertThat(messages.stream().map(StoredMessage::text).toList(), is(List.of("Merkst du dir das?", "Ja!")));
            assertThat(messages.getFirst().voice(), is(true));
            assertThat(second.status().status(), is("ok"));
            assertThat(second.status().schemaVersion(), is(Migrations.latest()));
        }
    }

    @Test
    void file_is_in_wal_mode_with_foreign_keys_and_every_step_recorded() throws Exception {
        Path file = dir.resolve("wal.db");
        open(file).close();
        try (Connection c = raw(file); Statement s = c.createStatement();
             ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1), is("wal"));
            assertThat(scalar(c, "SELECT count(*) FROM schema_version"), is((long) Migrations.latest()));
        }
    }

    @Test
    void a_reply_a_crash_interrupted_before_its_first_word_is_cleaned_up_and_the_question_kept() throws Exception {
        Path file = dir.resolve("crash.db");
        try (SqliteConversationStore crashed = open(file)) {
            crashed.begin("s", "Bist du noch da?", false, false);
            crashed.reply(crashed.begin("s", "Und jetzt?", false, false).reply(), "Ich schrieb gerade", true);
        }
        try (SqliteConversationStore restarted = open(file); Connection c = raw(file)) {
            assertThat(scalar(c, "SELECT count(*) FROM messages"), is(3L));
            List<StoredMessage> messages = restarted.recent("s", 10);
            assertThat(messages.stream().map(StoredMessage::text).toList(),
                       is(List.of("Bist du noch da?", "Und jetzt?", "Ich schrieb gerade")));
            assertThat(messages.getLast().partial(), is(true));
        }
    }

    @Test
    void migrates_an_older_schema_and_keeps_its_data() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = raw(file); Statement s = c.createStatement()) {
            // the database as version 1 left it: sessions only
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                              + "applied_at INTEGER NOT NULL)");
            s.execute(Migrations.STEPS.getFirst().statements().getFirst());
            s.execute("INSERT INTO schema_version VALUES (1, 'sessions', 1700000000000)");
            s.execute("INSERT INTO sessions (id, title, created_at, updated_at, language, model) "
                              + "VALUES ('kept', 'Von früher', 1700000000000, 1772359200000, 'en', 'llama3')");
        }
        try (SqliteConversationStore migrated = open(file)) {
            assertThat(migrated.status().schemaVersion(), is(Migrations.latest()));
            StoredSession kept = migrated.find("kept").orElseThrow();
            assertThat(kept.title(), is("Von früher"));
            assertThat(kept.language(), is("en"));
            migrated.reply(migrated.begin("kept", "Weiter geht's", false, false).reply(), "Gern", false);
            assertThat(migrated.find("kept").orElseThrow().messages(), is(2));
        }
        try (Connection c = raw(file)) {
            assertThat(scalar(c, "SELECT max(version) FROM schema_version"), is((long) Migrations.latest()));
            assertThat(scalar(c, "SELECT count(*) FROM sqlite_master WHERE name = 'sessions_by_update'"), is(1L));
        }
    }

    @Test
    void a_database_from_a_newer_crafty_is_left_untouched() throws Exception {
        Path file = dir.resolve("newer.db");
        open(file).close();
        try (Connection c = raw(file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (99, 'from the future', 1)");
        }
        StoreException e = assertThrows(StoreException.class, () -> open(file));
        assertThat(e.getMessage(), containsString(file.toString()));
        assertThat(e.getMessage(), containsString("newer Crafty (schema 99"));
        try (Connection c = raw(file)) {
            assertThat(scalar(c, "SELECT max(version) FROM schema_version"), is(99L));
        }
    }

    @Test
    void a_damaged_file_is_named_in_the_error() throws Exception {
        Path file = dir.resolve("damaged.db");
        Files.writeString(file, "this is a shopping list, not a database ".repeat(200));
        StoreException e = assertThrows(StoreException.class, () -> open(file));
        assertThat(e.getMessage(), is("The conversation history " + file
                + " cannot be used: it is not a database (damaged, or some other file)"));
        assertThat("the file is not changed", Files.readString(file).startsWith("this is a shopping list"), is(true));
    }

    @Test
    void a_file_locked_by_another_program_is_named_in_the_error() throws Exception {
        Path file = dir.resolve("locked.db");
        open(file).close();
        try (Connection other = raw(file); Statement s = other.createStatement()) {
            s.execute("PRAGMA locking_mode=EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO sessions (id, title, created_at, updated_at, language, model) "
                              + "VALUES ('x', null, 1, 1, 'de', null)");
            StoreException e = assertThrows(StoreException.class, () -> open(file));
            assertThat(e.getMessage(), containsString(file.toString()));
            assertThat(e.getMessage(), containsString("locked by another program"));
        }
    }
}
