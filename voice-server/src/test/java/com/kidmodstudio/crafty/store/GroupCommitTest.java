package com.kidmodstudio.crafty.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers that arrive while another one commits share the next transaction: their work is on
 * disk when each returns, one commit serves them all, and a piece of work that fails is undone
 * alone.
 */
class GroupCommitTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void writers_waiting_for_a_commit_share_the_next_one_and_a_failing_one_is_undone_alone() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             SqliteDatabase db = SqliteDatabase.open(dir.resolve("g.db").toString(), Duration.ofMillis(500),
                                                     new TestClock(Instant.parse("2026-03-01T10:00:00Z")))) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("CREATE TABLE rows (name TEXT NOT NULL)");
                }
            });
            long before = db.commits();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> db.write(c -> {
                inside.countDown();
                await(release);
                return insert(c, "first");
            }), threads);
            assertTrue(inside.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first writer did not start");

            List<CompletableFuture<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = "row " + i;
                boolean fails = i == 4;
                others.add(CompletableFuture.supplyAsync(() -> db.write(c -> {
                    int inserted = insert(c, name);
                    if (fails) {
                        throw new IllegalStateException("this work fails after its insert");
                    }
                    return inserted;
                }), threads));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (db.waitingWriters() < 10 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat("writers waiting behind the first", db.waitingWriters(), is(10));
            release.countDown();

            assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS), is(1));
            for (int i = 0; i < others.size(); i++) {
                CompletableFuture<Integer> other = others.get(i);
                if (i == 4) {
                    ExecutionException failed = assertThrows(ExecutionException.class,
                                                              () -> other.get(WAIT_SECONDS, TimeUnit.SECONDS));
                    assertThat(failed.getCause(), instanceOf(IllegalStateException.class));
                } else {
                    assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS), is(1));
                }
            }
            assertThat("one commit for the first writer, one for the ten behind it", db.commits() - before, is(2L));
            assertThat(db.read(c -> count(c, "row 4")), is(0));
            assertThat(db.read(c -> count(c, "row 9")), is(1));
            assertThat(db.read(c -> count(c, "first")), is(1));
        }
    }

    private static int insert(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO rows (name) VALUES (?)")) {
            s.setString(1, name);
            return s.executeUpdate();
        }
    }

    private static int count(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM rows WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
