package com.kidmodstudio.crafty.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.protocol.SetupMessages;

/**
 * Turns the model manager's state and events into {@code /setup} messages, with the parent's
 * texts in the configured language. An installed model is said to be installed only together
 * with what its engine made of it ({@code load}): a file the engine cannot load is never shown
 * as ready.
 */
public final class SetupReplies {
    private final ModelManager models;
    private final Language language;
    private final Function<Path, Optional<EngineStatus>> engines;

    /**
     * Creates the replies.
     *
     * @param models   the model manager
     * @param language the configured language
     * @param engines  the status of the engine that uses an installed file, if one does
     */
    public SetupReplies(ModelManager models, Language language, Function<Path, Optional<EngineStatus>> engines) {
        this.models = models;
        this.language = language;
        this.engines = engines;
    }

    /**
     * The catalog with every model's state.
     *
     * @param requestId the request it answers, or {@code null}
     * @return {@code setup:state}
     */
    public ServerMessage state(String requestId) {
        List<SetupMessages.Model> entries = models.states().stream().map(s -> {
            Optional<EngineStatus> engine = s.state() == ModelState.State.INSTALLED ? engineOf(s.model()) : Optional.empty();
            String load = s.state() != ModelState.State.INSTALLED ? null : engine.map(SetupReplies::load).orElse("unused");
            String error = "failed".equals(load) ? engine.get().lastError() : null;
            return new SetupMessages.Model(s.model().id(), s.model().role(), s.model().languages(),
                                           Map.copyOf(s.model().name()), s.model().sizeBytes(), s.model().isDefault(),
                                           s.state().wire(), s.bytes(), load, error);
        }).toList();
        return new SetupMessages.State(models.catalog().version(), language.code(), entries, requestId);
    }

    private Optional<EngineStatus> engineOf(Catalog.Model model) {
        for (Catalog.ModelFile file : model.files()) {
            Optional<EngineStatus> engine = engines.apply(models.directory().resolve(file.name()));
            if (engine.isPresent()) {
                return engine;
            }
        }
        return Optional.empty();
    }

    /** {@code loading}, {@code ready} or {@code failed} from an in-process engine's {@code detail.state}. */
    private static String load(EngineStatus engine) {
        Object state = engine.detail().get("state");
        if ("ready".equals(state) && engine.available()) {
            return "ready";
        }
        return "loading".equals(state) ? "loading" : "failed";
    }

    /**
     * What every panel is sent for an event: the progress itself, else the new state.
     *
     * @param event the manager's event
     * @return the message
     */
    public ServerMessage event(ModelEvent event) {
        if (event instanceof ModelEvent.Progress p) {
            return new SetupMessages.Progress(p.modelId(), p.file(), p.bytes(), p.total(), p.bytesPerSecond(), p.secondsLeft());
        }
        return state(null);
    }

    /**
     * The final message of a {@code model:install}.
     *
     * @param modelId   the model
     * @param failure   why it did not install, or {@code null}
     * @param requestId the install request
     * @return {@code model:installed}, {@code cancelled} or {@code error}
     */
    public ServerMessage installed(String modelId, Throwable failure, String requestId) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null) {
            return new SetupMessages.Installed(modelId, requestId);
        }
        if (cause instanceof CancellationException) {
            return new ServerMessage.Cancelled(requestId, "cancel", null);
        }
        ModelException e = cause instanceof ModelException m ? m : new ModelException(ErrorCode.INTERNAL, cause.toString(), cause);
        return error(e, requestId);
    }

    /**
     * The final message of an {@code ollama:pull}.
     *
     * @param model     the model
     * @param failure   why it is not ready, or {@code null}
     * @param requestId the pull request
     * @return {@code ollama:ready}, {@code cancelled} or {@code error}
     */
    public ServerMessage ollamaPulled(String model, Throwable failure, String requestId) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null) {
            return new SetupMessages.OllamaReady(model, requestId);
        }
        return installed(model, cause, requestId);
    }

    /**
     * An error for the parent.
     *
     * @param e         what went wrong
     * @param requestId the request it answers
     * @return {@code error} (also for {@code not_found}, which is {@code session:error} only on {@code /chat})
     */
    public ServerMessage error(ModelException e, String requestId) {
        return ServerMessage.Error.of(e.code(), SetupTexts.error(language, e.code()), e.getMessage(), requestId);
    }
}
