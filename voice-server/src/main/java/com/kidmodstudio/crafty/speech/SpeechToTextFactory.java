package com.kidmodstudio.crafty.speech;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;

/**
 * Picks the recogniser from the configuration ({@code stt.engine}, {@code whisper.*},
 * {@code pocketsphinx.*}, {@code speech.tmpdir}; see {@code application.properties}):
 * <ol>
 *   <li>{@code auto}: what the user configured, whisper.cpp through {@code whisper.url} when set
 *       (a server that starts later is fine, its status tells), else through {@code whisper.bin}
 *       + {@code whisper.model} when both exist; else whisper.cpp in-process
 *       ({@link WhisperJniSpeechToText}) with a model installed in the models directory
 *       ({@link InstalledModels}); else pocketsphinx ({@code pocketsphinx.bin} or on the PATH),
 *       noting why whisper was passed over and that it understands English only; else
 *       {@link UnavailableSpeechToText}.</li>
 *   <li>{@code whisper} or {@code pocketsphinx}: that engine or the stand-in explaining what is missing.</li>
 *   <li>{@code none}: speech input switched off.</li>
 * </ol>
 * Every engine but the stand-in sits behind a {@link ListeningGuard}: an engine that does not
 * understand the language is never asked, silence never reaches it, made-up lines are dropped.
 * Every value is validated, used or not: a bad one is a {@link ConfigProblem} naming its key.
 */
public final class SpeechToTextFactory {
    private static final Set<String> ENGINES = Set.of("auto", "whisper", "pocketsphinx", "none");

    private SpeechToTextFactory() {
    }

    /**
     * Builds the configured recogniser; starts nothing.
     *
     * @param root     the root configuration
     * @param language the language Crafty listens in, e.g. {@code de}
     * @return the engine, never {@code null}
     * @throws ConfigProblem when a value is invalid
     */
    public static SpeechToText create(Config root, String language) {
        String engine = Settings.oneOf(root.get("stt"), "engine", "auto", ENGINES);
        Path tempRoot = TextToSpeechFactory.tempRoot(root);
        Config whisper = root.get("whisper");
        String url = Settings.string(whisper, "url", "");
        URI serverUrl = url.isEmpty() ? null : Settings.httpUrl(whisper, "url", "");
        String whisperBin = Settings.string(whisper, "bin", "");
        String model = Settings.string(whisper, "model", "");
        int threads = Settings.integer(whisper, "threads", Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 64);
        Duration whisperTimeout = TextToSpeechFactory.positive(whisper, "timeout", Duration.ofSeconds(60));
        Config sphinx = root.get("pocketsphinx");
        String sphinxBin = Settings.string(sphinx, "bin", "");
        Path hmm = optionalPath(sphinx, "hmm");
        Path lm = optionalPath(sphinx, "lm");
        Path dict = optionalPath(sphinx, "dict");
        Duration sphinxTimeout = TextToSpeechFactory.positive(sphinx, "timeout", Duration.ofSeconds(30));
        Path natives = TextToSpeechFactory.natives(root);
        Duration loadWait = TextToSpeechFactory.loadWait(root);
        String installedName = installedName(root);
        Path models = InstalledModels.dir(root);

        Map<String, Object> notes = new LinkedHashMap<>();
        if ("none".equals(engine)) {
            return new UnavailableSpeechToText("speech input is switched off (stt.engine=none)", notes);
        }
        if (!"pocketsphinx".equals(engine)) {
            String why;
            if (serverUrl != null) {
                return guard(WhisperCppSpeechToText.server(serverUrl, model, language, whisperTimeout, notes), language);
            }
            if (whisperBin.isEmpty() && model.isEmpty()) {
                Optional<Path> installed = InstalledModels.whisper(models, installedName, language);
                if (installed.isPresent()) {
                    return guard(new WhisperJniSpeechToText(natives, installed.get(), language, threads, loadWait,
                                                            whisperTimeout, notes), language);
                }
                why = "no whisper model for '" + language + "' is installed in " + models
                      + " (install one in the app, or set WHISPER_URL, or WHISPER_BIN and WHISPER_MODEL)";
            } else {
                Optional<Path> bin = Executables.find(whisperBin, null);
                Optional<Path> file = Executables.readable(model);
                if (bin.isPresent() && file.isPresent()) {
                    return guard(WhisperCppSpeechToText.cli(bin.get(), file.get(), language, threads, whisperTimeout,
                                                            tempRoot, notes), language);
                }
                why = bin.isEmpty() ? "whisper.bin \"" + whisperBin + "\" is not an executable file"
                        : "whisper.model \"" + model + "\" is not a readable model file";
            }
            if ("whisper".equals(engine)) {
                return new UnavailableSpeechToText(why, notes);
            }
            notes.put("whisper", why);
        }
        Optional<Path> bin = Executables.find(sphinxBin, "pocketsphinx_continuous");
        if (bin.isEmpty()) {
            String why = sphinxBin.isEmpty()
                    ? "pocketsphinx is not installed (apt install pocketsphinx pocketsphinx-en-us) and whisper.cpp is not set up"
                    : "pocketsphinx.bin \"" + sphinxBin + "\" is not an executable file";
            return new UnavailableSpeechToText(why, notes);
        }
        return guard(new PocketsphinxSpeechToText(bin.get(), language, hmm, lm, dict, sphinxTimeout, tempRoot, notes,
                                                  ProcessPool.size(root.get("speech"))),
                     language);
    }

    private static SpeechToText guard(SpeechToText engine, String language) {
        return new ListeningGuard(engine, language);
    }

    private static Path optionalPath(Config config, String key) {
        String value = Settings.string(config, key, "");
        return value.isEmpty() ? null : Path.of(value).toAbsolutePath();
    }

    /**
     * The whisper model file named in {@code speech.whisper}, or empty to choose the newest installed.
     *
     * @param root the root configuration
     * @return the file name
     */
    static String installedName(Config root) {
        return Settings.string(root.get("speech"), "whisper", "");
    }
}
