package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.config.UserDataDir;
import com.kidmodstudio.crafty.engine.EngineEvents;

/**
 * Picks the voice from the configuration ({@code tts.engine}, {@code piper.*}, {@code espeak.*},
 * {@code speech.tmpdir}; see {@code application.properties}):
 * <ol>
 *   <li>{@code auto}: what the user configured, Piper when {@code piper.bin} is executable and
 *       {@code piper.voice} with its {@code .onnx.json} is readable and speaks Crafty's language;
 *       else Piper in-process ({@link PiperJniTextToSpeech}) with a voice for the language
 *       installed in the models directory ({@link InstalledModels}); else espeak-ng
 *       ({@code espeak.bin} or {@code espeak-ng} on the PATH), noting why Piper was passed over;
 *       else {@link UnavailableTextToSpeech}.</li>
 *   <li>{@code piper} or {@code espeak}: that engine or the stand-in explaining what is missing.</li>
 *   <li>{@code none}: speech output switched off.</li>
 * </ol>
 * Every value is validated, used or not: a bad one is a {@link ConfigProblem} naming its key.
 */
public final class TextToSpeechFactory {
    private static final Set<String> ENGINES = Set.of("auto", "piper", "espeak", "none");

    private TextToSpeechFactory() {
    }

    /**
     * Builds the configured voice; starts no process (Piper loads on first use or
     * {@link TextToSpeech#warmUp()}).
     *
     * @param root     the root configuration
     * @param language the language Crafty speaks, e.g. {@code de}
     * @return the engine, never {@code null}
     * @throws ConfigProblem when a value is invalid
     */
    public static TextToSpeech create(Config root, String language) {
        return create(root, language, EngineEvents.NONE);
    }

    /**
     * Builds the speech output engine, reporting its process events.
     *
     * @param root     the root configuration
     * @param language the language Crafty speaks, e.g. {@code de}
     * @param events   where Piper's starts, crashes and restarts are reported
     * @return the engine, never {@code null}
     * @throws ConfigProblem when a value is invalid
     */
    public static TextToSpeech create(Config root, String language, EngineEvents events) {
        String engine = Settings.oneOf(root.get("tts"), "engine", "auto", ENGINES);
        Path tempRoot = tempRoot(root);
        Config piper = root.get("piper");
        String piperBin = Settings.string(piper, "bin", "");
        String piperVoice = Settings.string(piper, "voice", "");
        String piperConfig = Settings.string(piper, "config", "");
        double lengthScale = Settings.decimal(piper, "lengthscale", 1.0, 0.25, 4.0);
        double silence = Settings.decimal(piper, "sentencesilence", 0.2, 0.0, 5.0);
        String speaker = Settings.string(piper, "speaker", "");
        Duration piperTimeout = positive(piper, "timeout", Duration.ofSeconds(30));
        Config espeak = root.get("espeak");
        String espeakBin = Settings.string(espeak, "bin", "");
        String voice = Settings.string(espeak.get("voice"), language, "en".equals(language) ? "en-us" : language);
        int speed = Settings.integer(espeak, "speed", 160, 80, 450);
        int pitch = Settings.integer(espeak, "pitch", 50, 0, 99);
        Duration espeakTimeout = positive(espeak, "timeout", Duration.ofSeconds(20));
        String installedName = installedName(root);
        Path models = InstalledModels.dir(root);
        Path natives = natives(root);
        Duration loadWait = loadWait(root);

        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("language", language);
        if ("none".equals(engine)) {
            return new UnavailableTextToSpeech("speech output is switched off (tts.engine=none)", notes);
        }
        if (!"espeak".equals(engine)) {
            String why;
            if (piperBin.isEmpty() && piperVoice.isEmpty()) {
                Optional<PiperVoice> installed = InstalledModels.piper(models, installedName, language);
                if (installed.isPresent()) {
                    notes.put("voiceFile", installed.get().model().getFileName().toString());
                    notes.put("speaks", InstalledModels.speaks(installed.get()));
                    return new PiperJniTextToSpeech(natives, installed.get(), speakerId(installed.get(), speaker), loadWait,
                                                    piperTimeout, notes);
                }
                why = "no Piper voice for '" + language + "' is installed in " + models
                      + " (install one in the app, or set PIPER_BIN and PIPER_VOICE)";
            } else {
                Optional<Path> bin = Executables.find(piperBin, null);
                Optional<Path> model = Executables.readable(piperVoice);
                if (bin.isPresent() && model.isPresent()) {
                    PiperVoice loaded = loadVoice(model.get(), piperConfig);
                    if (loaded != null && !InstalledModels.speaks(loaded).isEmpty()
                        && !InstalledModels.speaks(loaded).equals(language)) {
                        why = "piper.voice \"" + piperVoice + "\" speaks '" + InstalledModels.speaks(loaded)
                              + "', Crafty is set to '" + language + "'";
                    } else if (loaded != null) {
                        notes.put("speaks", InstalledModels.speaks(loaded).isEmpty() ? language
                                : InstalledModels.speaks(loaded));
                        int speakerId = speakerId(loaded, speaker);
                        notes.put("voiceFile", model.get().getFileName().toString());
                        return new PiperTextToSpeech(bin.get(), loaded, lengthScale, silence, speakerId, piperTimeout,
                                                     tempRoot, notes, events);
                    } else {
                        why = "Piper voice config " + (piperConfig.isEmpty() ? model.get() + ".json" : piperConfig)
                              + " is missing or has no audio.sample_rate";
                    }
                } else {
                    why = bin.isEmpty() ? "piper.bin \"" + piperBin + "\" is not an executable file"
                            : "piper.voice \"" + piperVoice + "\" is not a readable .onnx file";
                }
            }
            if ("piper".equals(engine)) {
                return new UnavailableTextToSpeech(why, notes);
            }
            notes.put("piper", why);
        }
        Optional<Path> bin = Executables.find(espeakBin, "espeak-ng");
        if (bin.isEmpty()) {
            String why = espeakBin.isEmpty() ? "espeak-ng is not installed (apt install espeak-ng) and Piper is not set up"
                    : "espeak.bin \"" + espeakBin + "\" is not an executable file";
            return new UnavailableTextToSpeech(why, notes);
        }
        notes.put("speed", speed);
        notes.put("speaks", language);
        return new EspeakTextToSpeech(bin.get(), voice, speed, pitch, espeakTimeout, notes,
                                      ProcessPool.size(root.get("speech")));
    }

    /**
     * The directory for temporary audio files: {@code speech.tmpdir} or the system's.
     *
     * @param root the root configuration
     * @return the directory path (created on first use)
     */
    static Path tempRoot(Config root) {
        String dir = Settings.string(root.get("speech"), "tmpdir", "");
        return Path.of(dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir).toAbsolutePath();
    }

    /**
     * Where the in-process engines' native libraries are unpacked once: {@code speech.natives}
     * or {@code natives/} in the user data directory.
     *
     * @param root the root configuration
     * @return the directory
     */
    static Path natives(Config root) {
        String dir = Settings.string(root.get("speech"), "natives", "");
        return (dir.isEmpty() ? UserDataDir.resolve().resolve("natives") : Path.of(dir)).toAbsolutePath();
    }

    /**
     * How long a request waits for an in-process model that is still loading ({@code speech.loadwait}).
     *
     * @param root the root configuration
     * @return the duration
     */
    static Duration loadWait(Config root) {
        return Settings.duration(root.get("speech"), "loadwait", Duration.ofSeconds(3));
    }

    /**
     * A duration that must be above zero.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default
     * @return the duration
     */
    static Duration positive(Config config, String key, Duration fallback) {
        Duration value = Settings.duration(config, key, fallback);
        if (value.isZero()) {
            String full = config.key().toString() + "." + key;
            throw new ConfigProblem(full, Settings.string(config, key, ""), "expected a duration above zero such as 30s");
        }
        return value;
    }

    private static PiperVoice loadVoice(Path model, String config) {
        try {
            return PiperVoice.load(model, config.isEmpty() ? null : Path.of(config));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int speakerId(PiperVoice voice, String speaker) {
        try {
            return voice.speakerId(speaker);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("piper.speaker", speaker, e.getMessage());
        }
    }

    /**
     * The Piper voice file named in {@code speech.piper}, or empty to choose the newest installed.
     *
     * @param root the root configuration
     * @return the file name
     */
    static String installedName(Config root) {
        return Settings.string(root.get("speech"), "piper", "");
    }
}
