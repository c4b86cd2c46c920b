package com.kidmodstudio.crafty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

import com.kidmodstudio.crafty.testing.SidecarProcess;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A sidecar killed with {@code kill -9} leaves nothing in the temporary directory: SQLite's
 * native library is kept once in the data directory and reused by the next start. Nor does a
 * start list the temporary directory, where other programs' files may be many.
 */
class NativeLibraryProcessTest {
    @TempDir
    Path tmp;
    @TempDir
    Path home;

    @Test
    void killed_sidecars_leave_nothing_in_the_temporary_directory_and_share_one_library() throws Exception {
        for (int run = 0; run < 2; run++) {
            startAndKill();
            assertThat("run " + run, files(tmp), is(empty()));
        }
        assertThat(files(home.resolve("crafty").resolve("native")), hasSize(1));
    }

    @Test
    void the_temporary_directory_is_not_searched_for_leftovers_of_sqlite_jdbc() throws Exception {
        // what sqlite-jdbc's own search would delete: a copy of its library without its lock file
        Path leftover = Files.writeString(tmp.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-1234-libsqlitejdbc.so"), "x");
        startAndKill();
        assertThat(Files.exists(leftover), is(true));
    }

    /** Starts a sidecar with this test's temporary and data directories and kills it with {@code kill -9}. */
    private void startAndKill() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.builder().jvmOption("-Djava.io.tmpdir=" + tmp)
                .env(Map.of("XDG_DATA_HOME", home.toString(), "OLLAMA_URL", "http://127.0.0.1:9", "TTS_ENGINE", "none",
                            "STT_ENGINE", "none", "LOG_DIR", "off"))
                .start()) {
            sidecar.awaitListening(Duration.ofSeconds(90));
            sidecar.kill9();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
