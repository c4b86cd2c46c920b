package com.kidmodstudio.crafty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.llm.ChatModel;
import com.kidmodstudio.crafty.llm.ChatModels;
import com.kidmodstudio.crafty.web.AccessGuard;

/**
 * Everything the routes share, built once from the configuration: the engines, their health,
 * the conversations, the access guard and the limits.
 *
 * @param language      the language Crafty speaks
 * @param llm           the language model
 * @param llmHealth     its live health
 * @param responder     answers the child
 * @param conversations the conversations, by session id
 * @param guard         who may connect
 * @param maxTextBytes  largest accepted text message
 * @param uiDir         the renderer files served at {@code /} in browser mode, or {@code null}
 */
public record Crafty(Language language,
                     ChatModel llm,
                     HealthCache llmHealth,
                     ChatResponder responder,
                     Conversations conversations,
                     AccessGuard guard,
                     int maxTextBytes,
                     Path uiDir) {

    /**
     * Builds every component from the root configuration; an invalid value throws a
     * {@link com.kidmodstudio.crafty.config.ConfigProblem} naming its key.
     *
     * @param config the root configuration
     * @return the components
     */
    public static Crafty create(Config config) {
        Config crafty = config.get("crafty");
        Language language = Language.create(crafty);
        int history = Settings.integer(crafty, "history", 20, 0, 200);
        ChatModel llm = ChatModels.create(config);
        Duration ttl = Settings.duration(config.get("status"), "ttl", Duration.ofSeconds(2));
        Duration budget = Settings.duration(config.get("llm"), "health", Duration.ofMillis(300));
        HealthCache llmHealth = new HealthCache(llm::probe, ttl, budget.plusMillis(50), llm.unprobed());
        Config limits = config.get("limits");
        AccessGuard guard = AccessGuard.create(crafty, uiDir(config.get("ui")) != null);
        return new Crafty(language,
                          llm,
                          llmHealth,
                          new ChatResponder(llm, language, history),
                          new Conversations(Settings.integer(crafty, "sessions", 1000, 1, 100_000),
                                            Settings.duration(crafty, "forget", Duration.ofHours(24))),
                          guard,
                          Settings.integer(limits, "text", 64 * 1024, 1024, 16 * 1024 * 1024),
                          uiDir(config.get("ui")));
    }

    private static Path uiDir(Config ui) {
        String dir = Settings.string(ui, "dir", "");
        if (dir.isEmpty()) {
            return null;
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve("index.html"))) {
            throw new ConfigProblem("ui.dir", dir, "expected a directory containing index.html");
        }
        return path;
    }
}
