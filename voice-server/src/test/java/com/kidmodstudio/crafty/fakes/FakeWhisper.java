package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Installs a fake {@code whisper-cli} and a fake ggml model into a directory:
 * <pre>{@code
 * FakeWhisper.Installation whisper = FakeWhisper.builder().transcript("de", "Hallo Crafty").install(dir);
 * // WHISPER_BIN=whisper.bin(), WHISPER_MODEL=whisper.model()
 * }</pre>
 * The executable ({@link FakeWhisperCli}) implements whisper-cli's flags {@code -m}, {@code -f}
 * (or positional files), {@code -l} (default {@code en}; unknown languages print usage and
 * exit 0), {@code -t}, {@code -p}, {@code -nt}, {@code -np}, {@code -otxt}, {@code -oj},
 * {@code -of}, {@code -h}; reads 16 kHz WAV only; takes {@code loadMillis} to load the model
 * and {@code msPerAudioSecond} per second of audio; prints the text on stdout (" text" after a
 * newline with {@code -nt}, with timestamps without) and writes {@code <of>.txt}. Silent audio
 * gives {@code [BLANK_AUDIO]}. As a test aid it refuses to run without {@code -l} (status 2)
 * unless {@link #requireLanguage(boolean)} is off, since relying on the English default is the
 * bug it exists to catch. Every start is logged to {@link Installation#log()}.
 */
public final class FakeWhisper {

    /** What goes wrong. */
    public enum Failure {
        /** Nothing. */
        NONE,
        /** The model cannot be loaded: status 3, "failed to initialize whisper context". */
        EXIT,
        /** The process never finishes. */
        HANG,
        /** The process dies abruptly (status 139) after loading. */
        CRASH
    }

    /**
     * The installed fake.
     *
     * @param bin   the {@code whisper-cli} executable
     * @param model the model file
     * @param log   one line {@code start <args>} per run
     */
    public record Installation(Path bin, Path model, Path log) {
        /**
         * The argument lines of every run so far.
         *
         * @return lines without the {@code start } prefix
         * @throws IOException when the log cannot be read
         */
        public List<String> runs() throws IOException {
            return Files.exists(log)
                    ? Files.readAllLines(log).stream().filter(l -> l.startsWith("start ")).map(l -> l.substring(6)).toList()
                    : List.of();
        }
    }

    private final Map<String, String> transcripts = new LinkedHashMap<>(Map.of("en", "Hello Crafty.", "de", "Hallo Crafty."));
    private int loadMillis = 300;
    private int msPerAudioSecond = 50;
    private boolean requireLanguage = true;
    private boolean englishOnly;
    private Failure failure = Failure.NONE;

    private FakeWhisper() {
    }

    /**
     * Starts a builder: 300 ms model load, 50 ms per audio second, "Hallo Crafty." / "Hello Crafty.".
     *
     * @return the builder
     */
    public static FakeWhisper builder() {
        return new FakeWhisper();
    }

    /**
     * Sets what is "heard" in a language.
     *
     * @param language e.g. {@code de}
     * @param text     the transcript
     * @return this builder
     */
    public FakeWhisper transcript(String language, String text) {
        transcripts.put(language, text);
        return this;
    }

    /**
     * Sets the model-load delay of every run.
     *
     * @param millis delay
     * @return this builder
     */
    public FakeWhisper loadMillis(int millis) {
        this.loadMillis = millis;
        return this;
    }

    /**
     * Sets the processing time per second of audio.
     *
     * @param millis delay
     * @return this builder
     */
    public FakeWhisper msPerAudioSecond(int millis) {
        this.msPerAudioSecond = millis;
        return this;
    }

    /**
     * Whether a run without {@code -l} fails (default) or silently uses English like the real one.
     *
     * @param required true to fail
     * @return this builder
     */
    public FakeWhisper requireLanguage(boolean required) {
        this.requireLanguage = required;
        return this;
    }

    /**
     * Installs an English-only model ({@code ggml-base.en.bin}) instead of a multilingual one.
     *
     * @return this builder
     */
    public FakeWhisper englishOnlyModel() {
        this.englishOnly = true;
        return this;
    }

    /**
     * Selects a failure mode.
     *
     * @param mode what goes wrong
     * @return this builder
     */
    public FakeWhisper failure(Failure mode) {
        this.failure = mode;
        return this;
    }

    /**
     * Writes the executable, the model and an empty log into {@code dir}.
     *
     * @param dir a directory, created when missing
     * @return the installation
     * @throws IOException when writing fails
     */
    public Installation install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve(englishOnly ? "ggml-base.en.bin" : "ggml-base.bin");
        Files.write(model, new byte[] {'l', 'm', 'g', 'g'});
        Path log = dir.resolve("whisper-calls.log");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FAKE_WHISPER_LOAD_MS", Integer.toString(loadMillis));
        env.put("FAKE_WHISPER_MS_PER_AUDIO_SECOND", Integer.toString(msPerAudioSecond));
        env.put("FAKE_WHISPER_REQUIRE_LANGUAGE", Boolean.toString(requireLanguage));
        env.put("FAKE_WHISPER_FAIL", failure.name());
        env.put("FAKE_WHISPER_LOG", log.toString());
        transcripts.forEach((lang, text) -> env.put("FAKE_WHISPER_TEXT_" + lang.toUpperCase(Locale.ROOT), text));
        Path bin = FakeExecutable.write(dir, "whisper-cli", FakeWhisperCli.class, env);
        return new Installation(bin, model, log);
    }

    /**
     * What the fakes "hear": the transcript for the language, or {@code [BLANK_AUDIO]} when the
     * audio is (nearly) silent.
     *
     * @param pcm16k     the audio
     * @param transcript the text for its language
     * @return the text whisper would give
     */
    static String hear(byte[] pcm16k, String transcript) {
        double sum = 0;
        for (int i = 0; i + 1 < pcm16k.length; i += 2) {
            double s = (short) ((pcm16k[i] & 0xFF) | pcm16k[i + 1] << 8);
            sum += s * s;
        }
        double rms = pcm16k.length < 2 ? 0 : Math.sqrt(sum / (pcm16k.length / 2.0)) / 32767;
        return rms < 0.003 ? "[BLANK_AUDIO]" : transcript;
    }
}
