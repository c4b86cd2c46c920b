package com.kidmodstudio.crafty.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite database: a writer connection used by one thread at a time, and a reader
 * connection beside it (WAL lets readers run while the writer writes). Locks are
 * {@link ReentrantLock}s rather than {@code synchronized}, so virtual threads waiting for the
 * database do not hold their carrier. {@code :memory:} uses one connection for both.
 *
 * <p>Opening sets WAL mode, {@code synchronous=FULL} (a commit is on disk before it returns),
 * foreign keys, {@code secure_delete} (deleted text is overwritten, see {@link #scrub()}) and a
 * busy timeout; then it runs {@code quick_check} and the {@link Migrations}. Each failure becomes
 * a {@link StoreException} that names the file and says what is wrong with it.
 */
final class SqliteDatabase implements AutoCloseable {
    /** The location meaning "no file". */
    static final String MEMORY = ":memory:";
    private static final String PROBLEM = "The conversation history %s cannot be used: ";
    private static final Logger LOGGER = Logger.getLogger(SqliteDatabase.class.getName());

    private final String location;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<Job<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final ReentrantLock readLock;
    private final int schemaVersion;

    private SqliteDatabase(String location, Connection writer, Connection reader, int schemaVersion) {
        this.location = location;
        this.writer = writer;
        this.reader = reader;
        this.readLock = reader == writer ? writeLock : new ReentrantLock();
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens (creating when needed) and migrates a database.
     *
     * @param location a file path, or {@link #MEMORY}
     * @param wait     how long to wait for a lock another program holds
     * @param clock    the time recorded for migrations
     * @return the open database
     * @throws StoreException when the file cannot be used
     */
    static SqliteDatabase open(String location, Duration wait, Clock clock) {
        Connection writer = null;
        Connection reader = null;
        try {
            writer = connect(location, wait, false);
            pragma(writer, "PRAGMA journal_mode=WAL");
            pragma(writer, "PRAGMA synchronous=FULL");
            pragma(writer, "PRAGMA foreign_keys=ON");
            pragma(writer, "PRAGMA secure_delete=ON");
            check(writer);
            int version = Migrations.apply(writer, clock);
            reader = MEMORY.equals(location) ? writer : connect(location, wait, true);
            return new SqliteDatabase(location, writer, reader, version);
        } catch (SQLException e) {
            closeQuietly(reader);
            closeQuietly(writer);
            throw new StoreException(explain(location, e), e, DiskProblem.of(e));
        } catch (StoreException e) {
            closeQuietly(reader);
            closeQuietly(writer);
            throw new StoreException(PROBLEM.formatted(location) + e.getMessage(), e);
        }
    }

    /**
     * Runs work in a write transaction that is committed (on disk) before this returns. Writers
     * that arrive while another one commits share the next transaction (group commit): the first
     * of them to get the writer runs every waiting piece of work, each in a savepoint of its own,
     * and commits them together, so fifty questions asked at once cost one or two waits for the
     * disk instead of fifty. A piece of work that fails is undone alone; a commit that fails fails
     * every piece in it, and nothing of them is kept.
     *
     * @param work the work
     * @param <T>  its result
     * @return the result
     * @throws StoreException when it fails; nothing of it is kept
     */
    <T> T write(Work<T> work) {
        Job<T> job = new Job<>(work);
        waiting.add(job);
        writeLock.lock();
        try {
            if (!job.done) {
                commitWaiting();
            }
        } finally {
            writeLock.unlock();
        }
        return job.result();
    }

    /** How many write transactions were committed: a test sees writers share them. */
    long commits() {
        return commits.get();
    }

    /** How many writers wait for the next transaction. */
    int waitingWriters() {
        return waiting.size();
    }

    /** Runs every waiting job in one transaction; called with the write lock held. */
    private void commitWaiting() {
        List<Job<?>> batch = new ArrayList<>();
        for (Job<?> next = waiting.poll(); next != null; next = waiting.poll()) {
            batch.add(next);
        }
        try {
            writer.setAutoCommit(false);
            try {
                for (Job<?> each : batch) {
                    each.runIn(writer);
                }
                writer.commit();
                commits.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                undo(e);
                throw e;
            }
            writer.setAutoCommit(true);
            batch.forEach(Job::committed);
        } catch (SQLException e) {
            StoreException failed = failure("writing", e);
            batch.forEach(each -> each.failed(failed));
        } catch (RuntimeException e) {
            batch.forEach(each -> each.failed(e));
        }
    }

    /** One writer's work, its outcome, and whether its transaction has ended. */
    private final class Job<T> {
        private final Work<T> work;
        private volatile boolean done;
        private T result;
        private RuntimeException failure;

        Job(Work<T> work) {
            this.work = work;
        }

        /** Runs the work in a savepoint; a failure of the work alone is undone and kept for its writer. */
        void runIn(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SAVEPOINT job");
            }
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException e) {
                failure = e instanceof SQLException sql ? failure("writing", sql) : (RuntimeException) e;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK TO job");
                } catch (SQLException gone) {
                    // after a full disk or an I/O error SQLite has ended the whole transaction: that fails all
                    e.addSuppressed(gone);
                    throw e instanceof SQLException sql ? sql : gone;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("RELEASE job");
            }
        }

        void committed() {
            done = true;
        }

        void failed(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            done = true;
        }

        T result() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /**
     * Ends a failed transaction. After {@code SQLITE_FULL} or an I/O error SQLite has already
     * rolled it back, so rolling back and leaving transaction mode fail as well ("cannot commit -
     * no transaction is active"); those failures are kept as suppressed and never hide the first.
     */
    private void undo(Exception first) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            first.addSuppressed(e);
        }
        try {
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            first.addSuppressed(e);
        }
    }

    /** A failed statement as one sentence naming the file, and the disk problem when it is one. */
    private StoreException failure(String doing, SQLException e) {
        DiskProblem disk = DiskProblem.of(e);
        String what = disk == null ? e.getMessage() : disk.text() + " (" + e.getMessage() + ")";
        return new StoreException(doing + " " + location + " failed: " + what, e, disk);
    }

    /**
     * Makes deleted text unrecoverable from the files: {@code secure_delete} zeroes what a delete
     * frees, but only in the new versions of the pages, which go to the write-ahead log; the old
     * versions with the text stay in {@code -wal} until SQLite reuses that part of it. A
     * {@code TRUNCATE} checkpoint copies the zeroed pages into the database file and empties the
     * log. Call it after a delete has been committed.
     *
     * @throws StoreException when the checkpoint fails
     */
    void scrub() {
        if (MEMORY.equals(location)) {
            return;
        }
        writeLock.lock();
        try (Statement statement = writer.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (result.next() && result.getInt(1) != 0) {
                // a reader held an old snapshot past the busy timeout; the next delete tries again
                LOGGER.warning(() -> "deleted text may stay in " + location + "-wal until the next checkpoint: "
                        + "a reader was busy");
            }
        } catch (SQLException e) {
            throw failure("writing", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs work that only reads, on a consistent snapshot.
     *
     * @param work the work
     * @param <T>  its result
     * @return the result
     * @throws StoreException when it fails
     */
    <T> T read(Work<T> work) {
        readLock.lock();
        try {
            if (reader == writer) {
                return work.run(reader);
            }
            reader.setAutoCommit(false);
            try {
                return work.run(reader);
            } finally {
                reader.rollback();
                reader.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("reading", e);
        } finally {
            readLock.unlock();
        }
    }

    String location() {
        return location;
    }

    int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (reader != writer) {
                readLock.lock();
                try {
                    closeQuietly(reader);
                } finally {
                    readLock.unlock();
                }
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static Connection connect(String location, Duration wait, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
        config.setTransactionMode(readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = config.createConnection("jdbc:sqlite:" + location);
        if (readOnly) {
            pragma(connection, "PRAGMA query_only=ON");
        }
        return connection;
    }

    private static void pragma(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void check(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new SQLiteException("quick_check: " + verdict, SQLiteErrorCode.SQLITE_CORRUPT);
            }
        }
    }

    private static String explain(String location, SQLException e) {
        String code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().name() : "";
        String what;
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
            what = "it is locked by another program (is a second Crafty running?)";
        } else if (code.startsWith("SQLITE_NOTADB")) {
            what = "it is not a database (damaged, or some other file)";
        } else if (code.startsWith("SQLITE_CORRUPT")) {
            what = "it is damaged (" + e.getMessage() + ")";
        } else if (code.startsWith("SQLITE_CANTOPEN")) {
            what = "it cannot be opened (does its folder exist, and may Crafty write there?)";
        } else if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_PERM") || code.startsWith("SQLITE_AUTH")) {
            what = "Crafty may not write to it";
        } else if (DiskProblem.of(e) != null) {
            what = DiskProblem.of(e).text();
        } else {
            what = e.getMessage();
        }
        return PROBLEM.formatted(location) + what;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort; the database file stays consistent either way
        }
    }

    /**
     * Work on a connection.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * Runs the work.
         *
         * @param connection the connection
         * @return the result
         * @throws SQLException when a statement fails
         */
        T run(Connection connection) throws SQLException;
    }
}
