package com.kidmodstudio.crafty.store;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real {@code SQLITE_FULL} (the database may not grow past a few pages, as on a full disk) is
 * named "the disk is full", not "cannot commit - no transaction is active", and the database
 * keeps working for what still fits.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void a_full_disk_is_named_and_the_database_stays_usable() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("full.db").toString(), Duration.ofMillis(500),
                                                     Clock.systemUTC())) {
            db.write(c -> execute(c.createStatement(), "PRAGMA max_page_count=12"));

            StoreException full = assertThrows(StoreException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    int n = i;
                    db.write(c -> execute(c.createStatement(), "INSERT INTO sessions (id, created_at, updated_at, language) "
                            + "VALUES ('s" + n + "', 1, 1, '" + "x".repeat(900) + "')"));
                }
            });

            assertThat(full.disk(), is(DiskProblem.FULL));
            assertThat(full.getMessage(), containsString("full.db failed: the disk is full"));
            assertThat(full.getMessage(), not(containsString("no transaction is active")));
            db.write(c -> execute(c.createStatement(), "DELETE FROM sessions WHERE id = 's0'"));
            assertThat(db.read(c -> {
                try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM sessions WHERE id = 's0'")) {
                    rows.next();
                    return rows.getInt(1);
                }
            }), is(0));
        }
    }

    private static Void execute(Statement statement, String sql) throws java.sql.SQLException {
        try (statement) {
            statement.execute(sql);
        }
        return null;
    }
}
