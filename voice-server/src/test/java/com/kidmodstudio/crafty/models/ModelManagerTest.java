package com.kidmodstudio.crafty.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.fakes.FakeModelServer;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The model manager against a download server of the test's own: progress in order, the
 * install in one step, and every way a download can fail ends with its typed error.
 */
class ModelManagerTest {
    @TempDir
    Path dir;

    private ModelManager manager(FakeModelServer server, ModelFixture.Events events, List<InstalledModel> installed,
                                 FreeSpace space, Catalog catalog) {
        ModelManager manager = new ModelManager(catalog, ModelFixture.settings(dir, server.url()), space, installed::add);
        manager.subscribe(events);
        return manager;
    }

    private ModelManager manager(FakeModelServer server, ModelFixture.Events events, List<InstalledModel> installed) {
        return manager(server, events, installed, FreeSpace.fileStore(), ModelFixture.catalog());
    }

    private static FakeModelServer server() {
        return new FakeModelServer().file("test.bin", ModelFixture.RECOGNISER).file("voice.onnx", ModelFixture.VOICE)
                .file("voice.onnx.json", ModelFixture.VOICE_CONFIG);
    }

    private static ErrorCode failure(CompletableFuture<InstalledModel> install) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> install.get(20, TimeUnit.SECONDS));
        assertThat(e.getCause(), instanceOf(ModelException.class));
        return ((ModelException) e.getCause()).code();
    }

    @Test
    void installs_a_voice_with_progress_in_order_and_tells_the_engines() throws Exception {
        List<InstalledModel> installed = new CopyOnWriteArrayList<>();
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().slow(32 * 1024, 20); ModelManager manager = manager(server, events, installed)) {
            InstalledModel model = manager.install("test-voice").get(20, TimeUnit.SECONDS);

            assertThat(Files.readAllBytes(dir.resolve("voice.onnx")), is(ModelFixture.VOICE));
            assertThat(Files.readAllBytes(dir.resolve("voice.onnx.json")), is(ModelFixture.VOICE_CONFIG));
            assertThat(model.files(), contains(dir.resolve("voice.onnx"), dir.resolve("voice.onnx.json")));
            assertThat(installed, contains(model));
            events.next(ModelEvent.Installed.class);
            List<ModelEvent.Progress> progress = events.progress("test-voice");
            long total = ModelFixture.VOICE.length + ModelFixture.VOICE_CONFIG.length;
            assertThat(progress.size(), greaterThanOrEqualTo(2));
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i).bytes() > progress.get(i - 1).bytes(), is(true));
                assertThat(progress.get(i).total(), is(total));
            }
            assertThat(progress.getLast().bytes(), is(total));
            assertThat(events.all.getLast(), instanceOf(ModelEvent.Installed.class));
            try (var list = Files.list(dir)) {
                assertThat(list.filter(p -> p.toString().endsWith(".part")).toList(), is(empty()));
            }
            assertThat(manager.states().get(1).state(), is(ModelState.State.INSTALLED));
        }
    }

    @Test
    void two_panels_asking_at_once_share_one_download() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().hold(); ModelManager manager = manager(server, events, new CopyOnWriteArrayList<>())) {
            CompletableFuture<InstalledModel> first = manager.install("test-stt");
            events.next(ModelEvent.Progress.class);
            CompletableFuture<InstalledModel> second = manager.install("test-stt");
            assertThat(manager.states().getFirst().state(), is(ModelState.State.DOWNLOADING));
            server.release();

            assertThat(first.get(20, TimeUnit.SECONDS).files(), is(second.get(20, TimeUnit.SECONDS).files()));
            assertThat(server.requests(), hasSize(1));
            events.next(ModelEvent.Installed.class);
            assertThat(events.all.stream().filter(e -> e instanceof ModelEvent.Installed).count(), is(1L));
        }
    }

    @Test
    void cancel_stops_the_download_and_deletes_the_partial_file() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server().hold(); ModelManager manager = manager(server, events, new CopyOnWriteArrayList<>())) {
            CompletableFuture<InstalledModel> install = manager.install("test-stt");
            events.next(ModelEvent.Progress.class);

            assertThat(manager.cancel("test-stt"), is(true));
            ExecutionException e = assertThrows(ExecutionException.class, () -> install.get(20, TimeUnit.SECONDS));
            assertThat(e.getCause(), instanceOf(CancellationException.class));
            events.next(ModelEvent.Cancelled.class);
            assertThat(Files.exists(dir.resolve("test.bin")), is(false));
            assertThat(Files.exists(dir.resolve("test.bin.part")), is(false));
            assertThat(manager.cancel("test-stt"), is(false));
            assertThat(manager.states().getFirst().state(), is(ModelState.State.MISSING));
        }
    }

    @Test
    void a_file_that_does_not_match_its_digest_is_deleted() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        Catalog wrong = ModelFixture.catalog("sha1:" + "a".repeat(40));
        try (FakeModelServer server = server();
             ModelManager manager = manager(server, events, new CopyOnWriteArrayList<>(), FreeSpace.fileStore(), wrong)) {
            assertThat(failure(manager.install("test-stt")), is(ErrorCode.DIGEST_MISMATCH));
            assertThat(events.next(ModelEvent.Failed.class).code(), is(ErrorCode.DIGEST_MISMATCH));
            assertThat(Files.exists(dir.resolve("test.bin")), is(false));
            assertThat(Files.exists(dir.resolve("test.bin.part")), is(false));
        }
    }

    @Test
    void a_file_the_server_does_not_have_is_not_found() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server(); ModelManager manager = manager(server, events, new CopyOnWriteArrayList<>())) {
            assertThat(failure(manager.install("test-missing")), is(ErrorCode.NOT_FOUND));
            assertThat(Files.exists(dir.resolve("missing.bin.part")), is(false));
            assertThat(failure(manager.install("no-such-model")), is(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void without_room_on_the_disk_nothing_is_downloaded() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server();
             ModelManager manager = manager(server, events, new CopyOnWriteArrayList<>(), directory -> 1_000_000,
                                            ModelFixture.catalog())) {
            assertThat(failure(manager.install("test-stt")), is(ErrorCode.DISK_FULL));
            assertThat(server.requests(), is(empty()));
        }
    }

    @Test
    void a_server_nobody_answers_on_is_offline() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        FakeModelServer gone = server();
        gone.close();
        try (ModelManager manager = manager(gone, events, new CopyOnWriteArrayList<>())) {
            assertThat(failure(manager.install("test-stt")), is(ErrorCode.OFFLINE));
        }
    }

    @Test
    void delete_removes_an_installed_model() throws Exception {
        ModelFixture.Events events = new ModelFixture.Events();
        try (FakeModelServer server = server(); ModelManager manager = manager(server, events, new CopyOnWriteArrayList<>())) {
            InstalledModel model = manager.install("test-voice").get(20, TimeUnit.SECONDS);
            assertThat(manager.install("test-voice").get(1, TimeUnit.SECONDS).files(), is(model.files()));
            assertThat(server.requests(), hasSize(2));

            manager.delete("test-voice");
            events.next(ModelEvent.Deleted.class);
            assertThat(Files.exists(dir.resolve("voice.onnx")), is(false));
            assertThat(manager.installed("test-voice").isPresent(), is(false));
        }
    }
}
