package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.engine.EngineHttp;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * Installs the catalog's models into the models directory for the parent: one download per model
 * at a time, shared by every panel that asks (a second {@link #install} joins the running one),
 * progress and the outcome sent to every {@link #subscribe subscriber}, {@link #cancel} and
 * {@link #delete}. When a model is complete, {@code onInstalled} is told, so the speech engines
 * can load it. Downloads run on virtual threads of their own and never hold up a turn.
 */
public final class ModelManager implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(ModelManager.class.getName());

    private final Supplier<Catalog> catalog;
    private final DownloadSettings settings;
    private final FreeSpace freeSpace;
    private final FileDownload download;
    private final Consumer<InstalledModel> onInstalled;
    private final Map<String, ModelJob> running = new ConcurrentHashMap<>();
    private final Set<Consumer<ModelEvent>> subscribers = new CopyOnWriteArraySet<>();

    /**
     * Creates the manager.
     *
     * @param catalog     the models that can be installed
     * @param settings    where they go and come from
     * @param freeSpace   how much room the disk has
     * @param onInstalled told about every model that has just been installed
     */
    public ModelManager(Catalog catalog, DownloadSettings settings, FreeSpace freeSpace, Consumer<InstalledModel> onInstalled) {
        this(() -> catalog, settings, freeSpace, onInstalled);
    }

    private ModelManager(Supplier<Catalog> catalog, DownloadSettings settings, FreeSpace freeSpace,
                         Consumer<InstalledModel> onInstalled) {
        this.catalog = catalog;
        this.settings = settings;
        this.freeSpace = freeSpace;
        this.onInstalled = onInstalled;
        // built at the first download (HTTPS: it sets up the TLS stack), not at every start
        this.download = new FileDownload(EngineHttp.lazily(() -> HttpClient.newBuilder().connectTimeout(settings.connect())
                .followRedirects(HttpClient.Redirect.NORMAL).build()), settings);
    }

    /**
     * The manager of the shipped catalog (or the one {@code models.catalog} names) with the
     * {@code models} settings.
     *
     * @param models      the {@code models} subtree
     * @param onInstalled told about every model that has just been installed
     * @return the manager
     */
    public static ModelManager create(Config models, Consumer<InstalledModel> onInstalled) {
        String file = Settings.string(models, "catalog", "");
        if (file.isEmpty()) {
            return new ModelManager(() -> Shipped.CATALOG, DownloadSettings.create(models), FreeSpace.fileStore(), onInstalled);
        }
        Catalog catalog;
        try {
            catalog = Catalog.parse(Files.readAllBytes(Path.of(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigProblem("models.catalog", file, "expected a readable catalog file: " + e.getMessage());
        }
        return new ModelManager(catalog, DownloadSettings.create(models), FreeSpace.fileStore(), onInstalled);
    }

    /** @return the catalog */
    public Catalog catalog() {
        return catalog.get();
    }

    /** @return where installed models live */
    public Path directory() {
        return settings.directory();
    }

    /**
     * Registers a listener for every model's progress and outcome.
     *
     * @param subscriber called from download threads
     * @return call to unsubscribe
     */
    public Runnable subscribe(Consumer<ModelEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Starts installing a model, or joins its running download.
     *
     * @param id the catalog id
     * @return completes with the installed model, or fails with a {@link ModelException} or a
     *         {@link CancellationException}
     */
    public CompletableFuture<InstalledModel> install(String id) {
        return install(id, false);
    }

    /**
     * Starts installing a model, or joins its running download; {@code again} installs an
     * installed model anew: its files are deleted first (the panels hear {@code Deleted}), for a
     * model whose engine cannot load it.
     *
     * @param id    the catalog id
     * @param again whether to download an installed model again
     * @return as {@link #install(String)}
     */
    public CompletableFuture<InstalledModel> install(String id, boolean again) {
        Optional<Catalog.Model> model = catalog().model(id);
        if (model.isEmpty()) {
            return CompletableFuture.failedFuture(new ModelException(ErrorCode.NOT_FOUND, "no model \"" + id + "\" in the catalog"));
        }
        Optional<InstalledModel> installed = installed(id);
        if (installed.isPresent() && again && !running.containsKey(id)) {
            try {
                delete(id);
            } catch (ModelException e) {
                return CompletableFuture.failedFuture(e);
            }
        } else if (installed.isPresent()) {
            return CompletableFuture.completedFuture(installed.get());
        }
        boolean[] started = new boolean[1];
        ModelJob job = running.computeIfAbsent(id, key -> {
            started[0] = true;
            return new ModelJob(model.get(), settings.directory(), settings, download, freeSpace, this::publish);
        });
        if (started[0]) {
            job.result().whenComplete((done, failure) -> finished(id, job, done, failure));
            Thread.ofVirtual().name("model-" + id).start(job::run);
        }
        return job.result().copy();
    }

    /**
     * Cancels a running download; its partial file is deleted.
     *
     * @param id the catalog id
     * @return whether one was running
     */
    public boolean cancel(String id) {
        ModelJob job = running.get(id);
        if (job == null) {
            return false;
        }
        job.cancel();
        job.result().handle((done, failure) -> null).join();
        return true;
    }

    /**
     * Deletes a model's files (cancelling its download first).
     *
     * @param id the catalog id
     * @throws ModelException {@code not_found} for an id the catalog does not have, {@code internal}
     *                        when a file cannot be deleted
     */
    public void delete(String id) throws ModelException {
        Catalog.Model model = catalog().model(id)
                .orElseThrow(() -> new ModelException(ErrorCode.NOT_FOUND, "no model \"" + id + "\" in the catalog"));
        cancel(id);
        for (Catalog.ModelFile file : model.files()) {
            Path target = settings.directory().resolve(file.name());
            try {
                Files.deleteIfExists(target);
                Files.deleteIfExists(ModelFiles.part(target));
            } catch (IOException e) {
                throw new ModelException(ErrorCode.INTERNAL, "cannot delete " + target + ": " + e.getMessage(), e);
            }
        }
        publish(new ModelEvent.Deleted(id));
    }

    /**
     * A model, if all its files are installed.
     *
     * @param id the catalog id
     * @return the installed model
     */
    public Optional<InstalledModel> installed(String id) {
        return catalog().model(id).flatMap(model -> {
            List<Path> files = new ArrayList<>();
            for (Catalog.ModelFile file : model.files()) {
                Path target = settings.directory().resolve(file.name());
                if (FileDownload.sizeOf(target) != file.size()) {
                    return Optional.empty();
                }
                files.add(target);
            }
            return Optional.of(new InstalledModel(model.id(), model.role(), List.copyOf(model.languages()), List.copyOf(files)));
        });
    }

    /**
     * Every catalog model's state on this computer.
     *
     * @return in catalog order
     */
    public List<ModelState> states() {
        List<ModelState> states = new ArrayList<>();
        for (Catalog.Model model : catalog().models()) {
            long bytes = 0;
            boolean complete = true;
            for (Catalog.ModelFile file : model.files()) {
                Path target = settings.directory().resolve(file.name());
                long size = FileDownload.sizeOf(target);
                complete &= size == file.size();
                bytes += size == file.size() ? size : FileDownload.sizeOf(ModelFiles.part(target));
            }
            ModelState.State state = running.containsKey(model.id()) ? ModelState.State.DOWNLOADING
                    : complete ? ModelState.State.INSTALLED
                    : bytes > 0 ? ModelState.State.PARTIAL : ModelState.State.MISSING;
            states.add(new ModelState(model, state, bytes));
        }
        return states;
    }

    /** Cancels every running download; partial files of interrupted downloads are kept for later. */
    @Override
    public void close() {
        running.values().forEach(ModelJob::cancel);
    }

    private void finished(String id, ModelJob job, InstalledModel done, Throwable failure) {
        running.remove(id, job);
        if (failure == null) {
            try {
                onInstalled.accept(done);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "loading the installed model " + id + " failed", e);
            }
            LOGGER.info(() -> "model.installed " + id);
            publish(new ModelEvent.Installed(id, done));
        } else if (failure instanceof CancellationException) {
            publish(new ModelEvent.Cancelled(id));
        } else {
            ModelException e = failure instanceof ModelException m ? m
                    : new ModelException(ErrorCode.INTERNAL, failure.toString(), failure);
            LOGGER.warning(() -> "model.failed " + id + " " + e.code().wire() + ": " + e.getMessage());
            publish(new ModelEvent.Failed(id, e.code(), e.getMessage()));
        }
    }

    private void publish(ModelEvent event) {
        for (Consumer<ModelEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "a model event subscriber failed", e);
            }
        }
    }

    /**
     * The catalog shipped with Crafty, read on first use: only the parent's setup screen needs
     * it, so the sidecar does not read and check it at every start.
     */
    private static final class Shipped {
        static final Catalog CATALOG = Catalog.shipped();
    }
}
