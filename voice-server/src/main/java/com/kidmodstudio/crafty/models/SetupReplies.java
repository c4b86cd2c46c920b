package com.kidmodstudio.crafty.models;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.protocol.SetupMessages;

/**
 * Turns the model manager's state and events into {@code /setup} messages, with the parent's
 * texts in the configured language.
 */
public final class SetupReplies {
    private final ModelManager models;
    private final Language language;

    /**
     * Creates the replies.
     *
     * @param models   the model manager
     * @param language the configured language
     */
    public SetupReplies(ModelManager models, Language language) {
        this.models = models;
        this.language = language;
    }

    /**
     * The catalog with every model's state.
     *
     * @param requestId the request it answers, or {@code null}
     * @return {@code setup:state}
     */
    public ServerMessage state(String requestId) {
        List<SetupMessages.Model> entries = models.states().stream().map(s -> new SetupMessages.Model(
                s.model().id(), s.model().role(), s.model().languages(), Map.copyOf(s.model().name()), s.model().sizeBytes(),
                s.model().isDefault(), s.state().wire(), s.bytes())).toList();
        return new SetupMessages.State(models.catalog().version(), language.code(), entries, requestId);
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
