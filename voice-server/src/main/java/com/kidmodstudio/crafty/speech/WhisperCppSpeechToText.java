package com.kidmodstudio.crafty.speech;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * whisper.cpp, the production recogniser, in one of two modes:
 * <ul>
 *   <li>{@link #server}: a running {@code whisper-server} that keeps the model loaded; each
 *       utterance is one {@code POST /inference} (multipart WAV, {@code language},
 *       {@code response_format=json}); health is {@code GET /health} (or {@code GET /} on
 *       servers without it). Preferred: no model load per utterance.</li>
 *   <li>{@link #cli}: {@code whisper-cli -m model -f x.wav -l lang -nt -np -otxt -of x} per
 *       utterance; simple, but loads the model every time.</li>
 * </ul>
 * The language is always passed explicitly (both default to English otherwise). Markers such
 * as {@code [BLANK_AUDIO]} are removed from the text. Thread-safe.
 */
public final class WhisperCppSpeechToText implements SpeechToText {
    static final String NAME = "whisper.cpp";
    private static final Pattern MARKERS = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** How an utterance reaches whisper.cpp. */
    interface Transport extends AutoCloseable {
        String transcribe(byte[] wav, Cancellation cancel) throws EngineException;

        EngineStatus status();

        @Override
        void close();
    }

    private final Transport transport;
    private final String language;
    private final String model;

    private WhisperCppSpeechToText(Transport transport, String language, String model) {
        this.transport = transport;
        this.language = language;
        this.model = model;
    }

    /**
     * Uses a running {@code whisper-server}.
     *
     * @param url      its base URL, e.g. {@code http://127.0.0.1:8080}
     * @param model    the model it was started with, for the status; may be empty
     * @param language the spoken language, e.g. {@code de}
     * @param timeout  longest time one utterance may take
     * @param notes    extra facts for the status
     * @return the engine
     */
    public static WhisperCppSpeechToText server(URI url, String model, String language, Duration timeout,
                                                Map<String, Object> notes) {
        return new WhisperCppSpeechToText(new WhisperServerClient(url, model, language, timeout, notes), language, model);
    }

    /**
     * Runs {@code whisper-cli} per utterance.
     *
     * @param bin      the executable
     * @param model    the ggml model file
     * @param language the spoken language, e.g. {@code de}
     * @param threads  {@code -t}
     * @param timeout  longest time one utterance may take, model load included
     * @param tempDir  where the temporary WAV and text go
     * @param notes    extra facts for the status
     * @return the engine
     */
    public static WhisperCppSpeechToText cli(Path bin, Path model, String language, int threads, Duration timeout,
                                             Path tempDir, Map<String, Object> notes) {
        return new WhisperCppSpeechToText(new WhisperCli(bin, model, language, threads, timeout, tempDir, notes),
                                          language, model.toString());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supportsLanguage(String lang) {
        return !englishOnly(model) || "en".equalsIgnoreCase(lang);
    }

    @Override
    public String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException {
        PcmFormat.MONO_16K.requireWholeFrames(pcm16kMono.length);
        cancel.throwIfCancelled();
        if (pcm16kMono.length == 0) {
            return "";
        }
        return clean(transport.transcribe(pcm16kMono, cancel));
    }

    @Override
    public EngineStatus status() {
        EngineStatus status = transport.status();
        if (supportsLanguage(language)) {
            return status;
        }
        Map<String, Object> detail = new LinkedHashMap<>(status.detail());
        detail.put("note", "model " + Path.of(model).getFileName() + " is English-only; Crafty is set to '" + language
                           + "'. Use a multilingual model (without .en).");
        return new EngineStatus(status.engine(), status.available(), status.location(), status.model(),
                                status.modelPresent(), status.lastError(), status.checkedAt(), detail);
    }

    @Override
    public void close() {
        transport.close();
    }

    /**
     * Whether a model file name marks an English-only model ({@code ggml-base.en.bin}).
     *
     * @param model a path or name, possibly empty
     * @return true for {@code .en} models
     */
    static boolean englishOnly(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        return name.contains(".en.") || name.endsWith(".en");
    }

    /**
     * The text without whisper's non-speech markers and with single spaces.
     *
     * @param raw whisper's output, possibly several lines or segments
     * @return the text, empty for {@code [BLANK_AUDIO]}
     */
    static String clean(String raw) {
        return SPACES.matcher(MARKERS.matcher(raw).replaceAll(" ")).replaceAll(" ").strip();
    }
}
