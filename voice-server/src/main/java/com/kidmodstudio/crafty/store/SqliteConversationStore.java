package com.kidmodstudio.crafty.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.kidmodstudio.crafty.safety.Category;

/**
 * Conversations in one SQLite database file (see {@link SqliteDatabase} for how it is opened
 * and written, {@link Migrations} for the schema). Every method is one transaction. Whatever deletes
 * text also checkpoints, so the text is in neither the database file nor its {@code -wal}.
 */
public final class SqliteConversationStore implements ConversationStore {
    /** A reply that has text, or any question: an empty reply is a placeholder not yet written. */
    private static final String VISIBLE = "(role = 'user' OR text <> '')";
    private static final String SESSION = "SELECT id, title, created_at, updated_at, language, model, "
            + "(SELECT count(*) FROM messages WHERE session_id = sessions.id AND " + VISIBLE + "), hidden FROM sessions ";
    private static final String MESSAGE = "SELECT id, role, text, created_at, voice, partial FROM messages ";

    private final SqliteDatabase db;
    private final String language;
    private final String model;
    private final Clock clock;
    private final SqliteParentRecords parent;
    private volatile String lastError;
    private volatile DiskProblem disk;

    private SqliteConversationStore(SqliteDatabase db, String language, String model, Clock clock) {
        this.db = db;
        this.language = language;
        this.model = model;
        this.clock = clock;
        this.parent = new SqliteParentRecords(db);
    }

    /**
     * Opens (creating and migrating when needed) a database, and removes the empty replies of
     * turns a crash interrupted before their first word.
     *
     * @param location the file, or {@code :memory:}
     * @param wait     how long to wait for a lock another program holds
     * @param language the language new sessions are in
     * @param model    the model new sessions are for, or {@code null}
     * @param clock    the clock for timestamps
     * @return the store
     * @throws StoreException when the file cannot be used; the message names it
     */
    public static SqliteConversationStore open(String location, Duration wait, String language, String model, Clock clock) {
        SqliteDatabase db = SqliteDatabase.open(location, wait, clock);
        try {
            db.write(c -> update(c, "DELETE FROM messages WHERE role = 'assistant' AND text = ''"));
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        return new SqliteConversationStore(db, language, model, clock);
    }

    @Override
    public StoredSession create(String id, String title, String model) {
        return write(c -> {
            long now = clock.millis();
            update(c, "INSERT INTO sessions (id, title, created_at, updated_at, language, model) VALUES (?, ?, ?, ?, ?, ?)",
                   id, title, now, now, language, model == null ? this.model : model);
            return session(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return db.read(c -> session(c, id));
    }

    @Override
    public List<StoredSession> list() {
        return sessions("WHERE hidden = 0 ");
    }

    @Override
    public List<StoredSession> listAll() {
        return sessions("");
    }

    @Override
    public boolean hide(String id) {
        return write(c -> update(c, "UPDATE sessions SET hidden = 1 WHERE id = ?", id) > 0);
    }

    @Override
    public ParentRecords parentRecords() {
        return parent;
    }

    private List<StoredSession> sessions(String where) {
        return db.read(c -> {
            try (PreparedStatement query = c.prepareStatement(SESSION + where + "ORDER BY updated_at DESC, rowid DESC");
                 ResultSet rows = query.executeQuery()) {
                List<StoredSession> sessions = new ArrayList<>();
                while (rows.next()) {
                    sessions.add(session(rows));
                }
                return sessions;
            }
        });
    }

    @Override
    public Optional<StoredSession> rename(String id, String title) {
        return write(c -> update(c, "UPDATE sessions SET title = ? WHERE id = ?", title, id) == 0
                ? Optional.empty() : session(c, id));
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = write(c -> update(c, "DELETE FROM sessions WHERE id = ?", id) > 0);
        if (deleted) {
            scrub();
        }
        return deleted;
    }

    @Override
    public Exchange begin(String sessionId, String question, boolean questionByVoice, boolean replyByVoice) {
        return write(c -> {
            long now = clock.millis();
            update(c, "INSERT INTO sessions (id, title, created_at, updated_at, language, model) VALUES (?, ?, ?, ?, ?, ?) "
                           + "ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, "
                           + "title = coalesce(sessions.title, excluded.title)",
                   sessionId, Titles.fromQuestion(question), now, now, language, model);
            long asked = insert(c, sessionId, "user", question, now, questionByVoice, false);
            long reply = insert(c, sessionId, "assistant", "", now, replyByVoice, true);
            return new Exchange(asked, reply);
        });
    }

    @Override
    public void reply(long replyId, String text, boolean partial) {
        write(c -> {
            if (update(c, "UPDATE messages SET text = ?, partial = ? WHERE id = ? AND role = 'assistant'",
                       text, partial ? 1 : 0, replyId) > 0) {
                update(c, "UPDATE sessions SET updated_at = ? WHERE id = (SELECT session_id FROM messages WHERE id = ?)",
                       clock.millis(), replyId);
            }
            return null;
        });
    }

    @Override
    public void deleteMessages(long... ids) {
        write(c -> {
            for (long id : ids) {
                update(c, "DELETE FROM messages WHERE id = ?", id);
            }
            return null;
        });
        scrub();
    }

    @Override
    public List<StoredMessage> recent(String sessionId, int count) {
        return db.read(c -> newestFirst(c, sessionId, Long.MAX_VALUE, count)).reversed();
    }

    @Override
    public MessagePage page(String sessionId, long before, int limit) {
        List<StoredMessage> newest = db.read(c -> newestFirst(c, sessionId, before, limit + 1));
        boolean more = newest.size() > limit;
        List<StoredMessage> page = new ArrayList<>(newest.subList(0, Math.min(limit, newest.size())));
        Collections.reverse(page);
        return new MessagePage(page, more && !page.isEmpty() ? page.getFirst().id() : null);
    }

    @Override
    public int purge(Instant cutoff) {
        int purged = write(c -> {
            update(c, "DELETE FROM safety_events WHERE at < ?", cutoff.toEpochMilli());
            return update(c, "DELETE FROM sessions WHERE updated_at < ?", cutoff.toEpochMilli());
        });
        if (purged > 0) {
            scrub();
        }
        return purged;
    }

    @Override
    public void record(Category category, Instant at) {
        write(c -> update(c, "INSERT INTO safety_events (category, at) VALUES (?, ?)", category.wire(), at.toEpochMilli()));
    }

    @Override
    public List<SafetyEvent> safetyEvents(Instant since) {
        return db.read(c -> {
            List<SafetyEvent> events = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT category, at FROM safety_events WHERE at >= ? ORDER BY at DESC, id DESC")) {
                query.setLong(1, since.toEpochMilli());
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        events.add(new SafetyEvent(row.getString(1), Instant.ofEpochMilli(row.getLong(2))));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public StoreStatus status() {
        boolean memory = SqliteDatabase.MEMORY.equals(db.location());
        DiskProblem problem = disk;
        String status = problem != null ? problem.status() : memory ? "memory" : "ok";
        return new StoreStatus("sqlite", db.location(), status, db.schemaVersion(), null, lastError);
    }

    @Override
    public void close() {
        db.close();
    }

    private <T> T write(SqliteDatabase.Work<T> work) {
        try {
            T result = db.write(work);
            disk = null;
            return result;
        } catch (StoreException e) {
            failed(e);
            throw e;
        }
    }

    /** Remembers a failed write for {@code /status}; a disk problem lasts until a write succeeds. */
    private void failed(StoreException e) {
        lastError = Instant.now(clock) + " " + e.getMessage();
        disk = e.disk();
    }

    /** After a delete: its text out of the write-ahead log too (see {@link SqliteDatabase#scrub()}). */
    private void scrub() {
        try {
            db.scrub();
        } catch (StoreException e) {
            failed(e);
            throw e;
        }
    }

        private static Optional<StoredSession> session(Connection c, String id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SESSION + "WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(session(rows)) : Optional.empty();
            }
        }
    }

    private static StoredSession session(ResultSet row) throws SQLException {
        return new StoredSession(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                                 Instant.ofEpochMilli(row.getLong(4)), row.getString(5), row.getString(6), row.getInt(7),
                                 row.getInt(8) != 0);
    }

    private static List<StoredMessage> newestFirst(Connection c, String sessionId, long before, int limit)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                MESSAGE + "WHERE session_id = ? AND id < ? AND " + VISIBLE + " ORDER BY id DESC LIMIT ?")) {
            query.setString(1, sessionId);
            query.setLong(2, before);
            query.setInt(3, limit);
            try (ResultSet rows = query.executeQuery()) {
                List<StoredMessage> messages = new ArrayList<>();
                while (rows.next()) {
                    messages.add(new StoredMessage(rows.getLong(1), rows.getString(2), rows.getString(3),
                                                   Instant.ofEpochMilli(rows.getLong(4)), rows.getInt(5) != 0,
                                                   rows.getInt(6) != 0));
                }
                return messages;
            }
        }
    }

    private static long insert(Connection c, String sessionId, String role, String text, long now, boolean voice,
                               boolean partial) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO messages (session_id, role, text, created_at, voice, partial) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, sessionId, role, text, now, voice ? 1 : 0, partial ? 1 : 0);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id for the new message");
                }
                return keys.getLong(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
