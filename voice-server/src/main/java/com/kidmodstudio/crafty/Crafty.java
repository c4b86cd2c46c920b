package com.kidmodstudio.crafty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.llm.ChatModel;
import com.kidmodstudio.crafty.llm.ChatModels;
import com.kidmodstudio.crafty.llm.ModelWarmer;
import com.kidmodstudio.crafty.models.InstalledModel;
import com.kidmodstudio.crafty.models.ModelEvent;
import com.kidmodstudio.crafty.models.ModelManager;
import com.kidmodstudio.crafty.models.OllamaSetup;
import com.kidmodstudio.crafty.observe.Telemetry;
import com.kidmodstudio.crafty.parent.ParentArea;
import com.kidmodstudio.crafty.safety.LlamaGuard;
import com.kidmodstudio.crafty.safety.ModelGuard;
import com.kidmodstudio.crafty.safety.SafetyLayer;
import com.kidmodstudio.crafty.speech.SpeechEngines;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.speech.TextToSpeech;
import com.kidmodstudio.crafty.voice.VoiceResponder;
import com.kidmodstudio.crafty.web.AccessGuard;
import com.kidmodstudio.crafty.ws.SocketSettings;

/**
 * Everything the routes share, built once from the configuration: the engines, their health,
 * the conversations, the access guard and the limits. {@link #close()} stops the engines'
 * processes.
 *
 * @param language       the language Crafty speaks
 * @param llm            the language model
 * @param warmer         keeps the language model loaded ({@link ModelWarmer#start()} at start-up)
 * @param tts            the speech synthesizer (possibly the "none" engine)
 * @param stt            the speech recognizer (possibly the "none" engine)
 * @param llmHealth      the model's live health
 * @param ttsHealth      the synthesizer's live health
 * @param sttHealth      the recognizer's live health
 * @param responder      answers the child in text
 * @param voice          answers the child by voice
 * @param conversations  the saved conversations, by session id
 * @param guard          who may connect
 * @param limits         message and audio limits
 * @param uiDir          the renderer files served at {@code /} in browser mode, or {@code null}
 * @param telemetry      logs and metrics
 * @param config         the configuration everything was built from
 * @param sockets        how every WebSocket connection behaves (heartbeat, queue, limits)
 * @param parent         the parent area: settings, the turn gate, the PIN
 * @param speech         the speech engines behind {@code tts} and {@code stt}; the model manager
 *                       calls its {@link com.kidmodstudio.crafty.speech.ModelsChanged#modelsChanged()}
 *                       after installing or deleting a model
 * @param models         installs speech models for the parent (the {@code /setup} route)
 * @param ollamaSetup    pulls the language model into Ollama for the parent, or {@code null}
 *                       when another kind of server provides it
 */
public record Crafty(Language language,
                     ChatModel llm,
                     ModelWarmer warmer,
                     TextToSpeech tts,
                     SpeechToText stt,
                     HealthCache llmHealth,
                     HealthCache ttsHealth,
                     HealthCache sttHealth,
                     ChatResponder responder,
                     VoiceResponder voice,
                     Conversations conversations,
                     AccessGuard guard,
                     Limits limits,
                     Path uiDir,
                     Telemetry telemetry,
                     Config config,
                     SocketSettings sockets,
                     ParentArea parent,
                     SpeechEngines speech,
                     ModelManager models,
                     OllamaSetup ollamaSetup) implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Crafty.class.getName());

    /** The guard model used when the parent switches the guard on and none is configured. */
    static final String DEFAULT_GUARD = "llama-guard3:1b";

    /**
     * Builds every component from the root configuration; an invalid value throws a
     * {@link ConfigProblem} naming its key.
     *
     * @param config the root configuration
     * @return the components
     */
    public static Crafty create(Config config) {
        return create(config, Clock.systemDefaultZone());
    }

    /**
     * Builds every component, with the clock of timestamps, retention and the parent's time
     * rules (its zone is the local time of quiet hours and days).
     *
     * @param config the root configuration
     * @param clock  the clock
     * @return the components
     */
    public static Crafty create(Config config, Clock clock) {
        Config crafty = config.get("crafty");
        Language configured = Language.create(crafty);
        int history = Settings.integer(crafty, "history", 20, 0, 200);
        Duration ttl = Settings.duration(config.get("status"), "ttl", Duration.ofSeconds(2));
        Duration budget = Settings.duration(config.get("llm"), "health", Duration.ofMillis(300)).plusMillis(50);
        Path uiDir = uiDir(config.get("ui"));
        Limits limits = Limits.create(config.get("limits"));
        Telemetry telemetry = Telemetry.create(config.get("log"));
        AccessGuard guard = AccessGuard.create(crafty, uiDir != null, telemetry);
        ModelManager models = ModelManager.create(config.get("models"), installed());
        ChatModel llm = ChatModels.create(config);
        ModelWarmer warmer = new ModelWarmer(llm, Settings.duration(config.get("llm"), "warm", Duration.ofMinutes(10)));
        Conversations conversations = Conversations.create(config, configured, llm.unprobed().model(), clock);
        // the parent's language setting, when there is one, is the language from this start on
        Language language = ParentArea.language(conversations.store(), configured);
        SpeechEngines speech;
        try {
            speech = SpeechEngines.create(config, language.code(), telemetry::engine);
        } catch (RuntimeException e) {
            conversations.close();
            throw e;
        }
        TextToSpeech tts = speech.tts();
        SpeechToText stt = speech.stt();
        // a model installed or deleted in the setup card switches the engines without a restart;
        // at once, on the manager's thread, so the panels told next hear about the new engine
        models.subscribe(event -> {
            if (event instanceof ModelEvent.Installed || event instanceof ModelEvent.Deleted) {
                speech.chooseAgain();
            }
        });
        ParentArea parent = ParentArea.create(config, conversations, configured.code(), clock);
        HealthCache llmHealth = new HealthCache(() -> warmer.annotate(llm.probe()), ttl, budget,
                                                () -> warmer.annotate(llm.unprobed()));
        ChatResponder responder = new ChatResponder(llm, language, history,
                                                    safety(config, language, conversations, parent, telemetry));
        return new Crafty(language, llm, warmer, tts, stt,
                          llmHealth,
                          new HealthCache(tts::status, ttl, budget, tts.status()),
                          new HealthCache(stt::status, ttl, budget, stt.status()),
                          responder,
                          new VoiceResponder(responder, stt, tts),
                          conversations,
                          guard,
                          limits,
                          uiDir,
                          telemetry,
                          config,
                          SocketSettings.create(config.get("ws"), config.get("limits"), limits.textBytes(),
                                                limits.binaryBytes()),
                          parent,
                          speech,
                          models,
                          OllamaSetup.of(llm.unprobed(), Settings.string(config.get("ollama"), "keepalive", ""), llmHealth));
    }

    /**
     * Logs a model a parent has installed; the speech engines, subscribed to the manager's
     * events, choose again from {@link ModelManager#directory()} at once.
     */
    private static Consumer<InstalledModel> installed() {
        return model -> LOGGER.info(() -> "model " + model.id() + " (" + model.role() + ") installed");
    }

    /**
     * Stops the speech engines' processes, removes their temporary files, writes the talk time
     * not written yet, closes the history, stops the model downloads (their partial files are
     * kept and resume next time).
     */
    @Override
    public void close() {
        warmer.close();
        speech.close();
        models.close();
        parent.gate().close();
        conversations.close();
    }

    /**
     * The safety layer: its events go to the conversation store; the helpline country is
     * {@code safety.country} (empty: from the language); the guard model {@code safety.guard} on
     * the chat model's server is asked only when named, within {@code safety.timeout}.
     */
    private static SafetyLayer safety(Config config, Language language, Conversations conversations, ParentArea parent,
                                      Telemetry telemetry) {
        Config safety = config.get("safety");
        // configured values win; otherwise the parent's settings from the "Für Eltern" area decide
        String country = Settings.string(safety, "country", "");
        String configuredGuard = Settings.string(safety, "guard", "");
        String model = configuredGuard.isEmpty() ? DEFAULT_GUARD : configuredGuard;
        Duration timeout = Settings.duration(safety, "timeout", Duration.ofSeconds(2));
        ChatModels.Server server = ChatModels.server(config);
        ModelGuard guard = new LlamaGuard(server.url().toString(), server.openai(), model, timeout);
        return new SafetyLayer(language.code(), conversations.store(),
                               () -> country.isEmpty() ? parent.settings().current().helplineCountry() : country,
                               guard, () -> !configuredGuard.isEmpty() || parent.settings().current().guard(),
                               telemetry::guard, Clock.systemUTC());
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

    /**
     * What a client may send.
     *
     * @param textBytes   largest text message
     * @param binaryBytes largest binary message
     * @param audio       longest utterance kept for transcription
     * @param headers     longest time from an HTTP request line to the end of its headers
     */
    public record Limits(int textBytes, int binaryBytes, Duration audio, Duration headers) {
        static Limits create(Config limits) {
            return new Limits(Settings.integer(limits, "text", 64 * 1024, 1024, 16 * 1024 * 1024),
                              Settings.integer(limits, "binary", 1024 * 1024, 1024, 64 * 1024 * 1024),
                              Settings.duration(limits, "audio", Duration.ofSeconds(60)),
                              Settings.duration(limits, "headers", Duration.ofSeconds(10)));
        }
    }
}
