package com.kidmodstudio.crafty.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the server sends on {@code /setup}: the catalog with every model's state, progress while
 * a model downloads, and the end of each request.
 */
public final class SetupMessages {
    private SetupMessages() {
    }

    /**
     * The catalog and what of it is on this computer; sent when the socket opens, in answer to
     * {@code setup:state}, and to every panel after a model was installed, failed, cancelled or deleted.
     *
     * @param catalogVersion the catalog format's version
     * @param language       the language Crafty is set to
     * @param models         every model with its state
     * @param requestId      the request it answers, or {@code null}
     */
    public record State(int catalogVersion, String language, List<Model> models, String requestId)
            implements ServerMessage.Setup {
        @Override
        public String type() {
            return "setup:state";
        }
    }

    /**
     * One catalog model as a panel shows it.
     *
     * @param id        the catalog id
     * @param role      {@code stt} or {@code tts}
     * @param languages what it understands or speaks
     * @param name      its name for parents, by language
     * @param size      download size in bytes
     * @param isDefault whether the one button installs it
     * @param state     {@code installed}, {@code downloading}, {@code partial} or {@code missing}
     * @param bytes     bytes of it on disk
     * @param load      for an installed model, what its engine made of it: {@code loading},
     *                  {@code ready}, {@code failed} (the engine cannot load the file: install it
     *                  again) or {@code unused} (no engine uses it); absent otherwise
     * @param loadError why it {@code failed}, naming the file; absent otherwise
     */
    public record Model(String id, String role, List<String> languages, Map<String, String> name, long size,
                        @JsonProperty("default") boolean isDefault, String state,
                        long bytes, String load, String loadError) {
    }

    /**
     * A model's download advanced; sent to every panel, at most a few times a second.
     *
     * @param modelId        the model
     * @param file           the file being downloaded
     * @param bytes          bytes of the model on disk
     * @param total          the model's size
     * @param bytesPerSecond recent speed, 0 while unknown
     * @param secondsLeft    estimated time left, absent while unknown
     */
    public record Progress(String modelId, String file, long bytes, long total, long bytesPerSecond, Long secondsLeft)
            implements ServerMessage.Setup {
        @Override
        public String type() {
            return "model:progress";
        }
    }

    /**
     * A {@code model:install} ended well: the model is installed and checked.
     *
     * @param modelId   the model
     * @param requestId the install request
     */
    public record Installed(String modelId, String requestId) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "model:installed";
        }
    }

    /**
     * Answer to {@code model:cancel}, sent once the download has stopped.
     *
     * @param modelId   the model
     * @param running   whether a download was running
     * @param requestId the cancel request
     */
    public record Cancelled(String modelId, boolean running, String requestId) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "model:cancelled";
        }
    }

    /**
     * Answer to {@code model:delete}: the model's files are gone.
     *
     * @param modelId   the model
     * @param requestId the delete request
     */
    public record Deleted(String modelId, String requestId) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "model:deleted";
        }
    }

    /**
     * Whether Ollama runs and has Crafty's language model; sent when the socket opens, in answer
     * to {@code ollama:check}, and after every pull.
     *
     * @param url       Ollama's address
     * @param model     the model Crafty uses
     * @param running   whether Ollama answers
     * @param installed whether it has the model
     * @param pulling   whether a pull is running
     * @param requestId the request it answers, or {@code null}
     */
    public record OllamaState(String url, String model, boolean running, boolean installed, boolean pulling,
                              String requestId) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "ollama:state";
        }
    }

    /**
     * A line of Ollama's pull, summed over its layers; sent to every panel.
     *
     * @param status         Ollama's status ({@code pulling manifest}, {@code pulling <digest>},
     *                       {@code verifying sha256 digest}, {@code writing manifest}, {@code success}),
     *                       or {@code loading} while the model is loaded into memory
     * @param digest         the layer being pulled, if any
     * @param completed      bytes pulled over all layers seen, when known
     * @param total          size of all layers seen, when known
     * @param bytesPerSecond speed since the first layer started, when known
     * @param secondsLeft    estimated time left, when known
     */
    public record OllamaProgress(String status, String digest, Long completed, Long total, Long bytesPerSecond,
                                 Long secondsLeft) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "ollama:progress";
        }
    }

    /**
     * An {@code ollama:pull} ended well: the model is installed and loaded.
     *
     * @param model     the model
     * @param requestId the pull request
     */
    public record OllamaReady(String model, String requestId) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "ollama:ready";
        }
    }

    /**
     * Answer to {@code ollama:cancel}, once the pull has stopped.
     *
     * @param running   whether a pull was running
     * @param requestId the cancel request
     */
    public record OllamaCancelled(boolean running, String requestId) implements ServerMessage.Setup {
        @Override
        public String type() {
            return "ollama:cancelled";
        }
    }
}
