package com.kidmodstudio.crafty.llm;

import java.net.URI;
import java.util.Set;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;

/**
 * Builds the configured {@link ChatModel} from the {@code llm} and {@code ollama} subtrees.
 *
 * <ul>
 *     <li>{@code llm.provider}: {@code ollama} (default, also when empty) or {@code openai}</li>
 *     <li>{@code llm.url}: base URL; empty means {@code ollama.url} (default
 *         {@code http://127.0.0.1:11434}) for Ollama, {@code http://127.0.0.1:8080} for OpenAI</li>
 *     <li>{@code llm.model}: empty means {@code ollama.model} (default {@code llama3.2:latest})</li>
 *     <li>{@code llm.api.key}: bearer token for OpenAI-compatible servers</li>
 *     <li>{@code llm.connect}, {@code llm.first}, {@code llm.idle}, {@code llm.health}: see
 *         {@link LlmTimeouts}</li>
 *     <li>{@code ollama.keepalive}: how long Ollama keeps the model loaded (default {@code 30m})</li>
 * </ul>
 * Every invalid value is a {@link ConfigProblem} naming the key that holds it.
 */
public final class ChatModels {
    /** The providers {@code llm.provider} accepts. */
    public static final Set<String> PROVIDERS = Set.of("ollama", "openai");

    static final String OLLAMA_URL = "http://127.0.0.1:11434";
    static final String OPENAI_URL = "http://127.0.0.1:8080";
    static final String OLLAMA_MODEL = "llama3.2:latest";
    static final String KEEP_ALIVE = "30m";

    private ChatModels() {
    }

    /**
     * Reads the configuration and builds the client; contacts nothing.
     *
     * @param root the root configuration
     * @return the chat model
     * @throws ConfigProblem naming the key when a value is invalid
     */
    public static ChatModel create(Config root) {
        Config llm = root.get("llm");
        Config ollama = root.get("ollama");
        String provider = Settings.string(llm, "provider", "").isEmpty()
                ? "ollama"
                : Settings.oneOf(llm, "provider", "ollama", PROVIDERS);
        LlmTimeouts timeouts = LlmTimeouts.create(llm);
        String model = Settings.string(llm, "model", "");
        if (provider.equals("openai")) {
            // empty: the server's loaded model (llama.cpp serves exactly one)
            URI url = Settings.httpUrl(llm, "url", OPENAI_URL);
            return new OpenAiChatModel(url, model, Settings.string(llm, "api.key", ""), timeouts);
        }
        if (model.isEmpty()) {
            model = Settings.string(ollama, "model", OLLAMA_MODEL);
        }
        if (model.isEmpty()) {
            throw new ConfigProblem("ollama.model", model, "expected a model name such as llama3.2:latest");
        }
        URI url = Settings.string(llm, "url", "").isEmpty()
                ? Settings.httpUrl(ollama, "url", OLLAMA_URL)
                : Settings.httpUrl(llm, "url", OLLAMA_URL);
        String keepAlive = Settings.string(ollama, "keepalive", KEEP_ALIVE);
        try {
            OllamaChatModel.keepAliveJson(keepAlive);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("ollama.keepalive", keepAlive,
                                    "expected a duration Ollama accepts: 30s, 5m, 1h, 1h30m, a number of seconds, -1 for ever or 0");
        }
        return new OllamaChatModel(url, model, keepAlive, timeouts);
    }

    /**
     * Where the model server is and which API it speaks, for other models on the same server
     * (the safety guard): {@code llm.url}, else {@code ollama.url} (or the OpenAI default).
     *
     * @param root the root configuration
     * @return the server
     */
    public static Server server(Config root) {
        Config llm = root.get("llm");
        boolean openai = !Settings.string(llm, "provider", "").isEmpty()
                && Settings.oneOf(llm, "provider", "ollama", PROVIDERS).equals("openai");
        if (openai) {
            return new Server(Settings.httpUrl(llm, "url", OPENAI_URL), true);
        }
        return new Server(Settings.string(llm, "url", "").isEmpty()
                                  ? Settings.httpUrl(root.get("ollama"), "url", OLLAMA_URL)
                                  : Settings.httpUrl(llm, "url", OLLAMA_URL), false);
    }

    /**
     * A model server.
     *
     * @param url    its base URL
     * @param openai whether it speaks the OpenAI API rather than Ollama's
     */
    public record Server(URI url, boolean openai) {
    }
}
