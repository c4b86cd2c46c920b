package com.kidmodstudio.crafty.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakeModelServer;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A download survives a dropped connection, a stalled server and a restart of the manager: it
 * resumes with {@code Range} from the partial file, and the result still matches its digest.
 */
class ModelResumeTest {
    private static final int HALF = 300_000;

    @TempDir
    Path dir;

    private ModelManager manager(FakeModelServer server, int retries, Duration idle, ModelFixture.Events events) {
        ModelManager manager = new ModelManager(ModelFixture.catalog(), ModelFixture.settings(dir, server.url(), retries, idle),
                                                FreeSpace.fileStore(), model -> { });
        manager.subscribe(events);
        return manager;
    }

    private static FakeModelServer server() {
        return new FakeModelServer().file("test.bin", ModelFixture.RECOGNISER);
    }

    @Test
    void resumes_after_the_server_drops_mid_file() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().dropAt("test.bin", HALF, 1);
             ModelManager manager = manager(server, 3, Duration.ofSeconds(5), events)) {
            manager.install("test-stt").get(20, TimeUnit.SECONDS);

            assertThat(Files.readAllBytes(dir.resolve("test.bin")), is(ModelFixture.RECOGNISER));
            assertThat(server.requests(), contains(new FakeModelServer.Request("test.bin", null),
                                                   new FakeModelServer.Request("test.bin", "bytes=" + HALF + "-")));
            List<ModelEvent.Progress> progress = events.progress("test-stt");
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i).bytes() >= progress.get(i - 1).bytes(), is(true));
            }
        }
    }

    @Test
    void resumes_after_a_restart_from_the_partial_file_it_left() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().dropAt("test.bin", HALF, 1)) {
            try (ModelManager first = manager(server, 0, Duration.ofSeconds(5), events)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                                                    () -> first.install("test-stt").get(20, TimeUnit.SECONDS));
                assertThat(((ModelException) e.getCause()).code(), is(ErrorCode.OFFLINE));
            }
            assertThat(Files.size(dir.resolve("test.bin.part")), is((long) HALF));

            try (ModelManager second = manager(server, 0, Duration.ofSeconds(5), events)) {
                assertThat(second.states().getFirst().state(), is(ModelState.State.PARTIAL));
                assertThat(second.states().getFirst().bytes(), is((long) HALF));
                second.install("test-stt").get(20, TimeUnit.SECONDS);
            }
            assertThat(Files.readAllBytes(dir.resolve("test.bin")), is(ModelFixture.RECOGNISER));
            assertThat(server.requests().getLast(), is(new FakeModelServer.Request("test.bin", "bytes=" + HALF + "-")));
        }
    }

    @Test
    void a_stalled_connection_is_dropped_and_resumed() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().stallAfter(250_000);
             ModelManager manager = manager(server, 1, Duration.ofMillis(500), events)) {
            manager.install("test-stt").get(20, TimeUnit.SECONDS);

            assertThat(Files.readAllBytes(dir.resolve("test.bin")), is(ModelFixture.RECOGNISER));
            List<FakeModelServer.Request> requests = server.requests();
            assertThat(requests.size(), is(3));
            assertThat(requests.get(0).range(), is(nullValue()));
            assertThat(requests.get(1).range(), is("bytes=262144-"));
            assertThat(requests.get(2).range(), is("bytes=524288-"));
        }
    }

    @Test
    void a_server_that_ignores_range_sends_the_whole_file_again() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().dropAt("test.bin", HALF, 1).ignoreRange();
             ModelManager manager = manager(server, 2, Duration.ofSeconds(5), events)) {
            manager.install("test-stt").get(20, TimeUnit.SECONDS);
            assertThat(Files.readAllBytes(dir.resolve("test.bin")), is(ModelFixture.RECOGNISER));
            assertThat(server.requests().size(), is(2));
        }
    }

    @Test
    void a_slow_server_reports_its_speed_and_the_time_left() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().slow(16 * 1024, 25);
             ModelManager manager = manager(server, 0, Duration.ofSeconds(5), events)) {
            manager.install("test-stt").get(30, TimeUnit.SECONDS);
            List<ModelEvent.Progress> progress = events.progress("test-stt");
            ModelEvent.Progress middle = progress.stream().filter(p -> p.secondsLeft() != null && p.bytes() < p.total())
                    .findFirst().orElseThrow();
            assertThat(middle.bytesPerSecond() > 0 && middle.bytesPerSecond() < 2_000_000, is(true));
            assertThat(middle.secondsLeft() >= 0, is(true));
        }
    }
}
