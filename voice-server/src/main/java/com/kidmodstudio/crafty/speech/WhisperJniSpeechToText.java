package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;

import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * whisper.cpp inside the sidecar's own process, through whisper-jni: one ggml model loaded once,
 * in the background as soon as the engine is made, and kept warm; every utterance runs on the
 * model's own thread, one at a time ({@link NativeWorker}). Each utterance is decoded afresh
 * (no context carried over from the one before) in the configured language, never detected,
 * with non-speech tokens suppressed and whisper's no-speech threshold; markers such as
 * {@code [BLANK_AUDIO]} are removed. A model file that whisper.cpp cannot read (whisper-jni's
 * {@code init} returns {@code null}) makes every request {@code stt_unavailable} naming the file.
 * An utterance arriving while the model still loads waits up to {@code loadWait}, then gets
 * {@code stt_unavailable} "still loading". Thread-safe.
 */
public final class WhisperJniSpeechToText implements SpeechToText {
    static final String NAME = "whisper-jni";
    /** whisper's own no-speech probability threshold: a segment above it is dropped. */
    static final float NO_SPEECH_THRESHOLD = 0.6f;

    private final Path model;
    private final String language;
    private final int threads;
    private final Duration loadWait;
    private final Duration timeout;
    private final Map<String, Object> notes;
    private final NativeWorker<Loaded> worker;

    private record Loaded(WhisperJNI whisper, WhisperContext context, boolean multilingual) {
    }

    /**
     * Creates the engine and starts loading the model in the background.
     *
     * @param natives  the folder the native libraries are unpacked into once
     * @param model    the ggml model file
     * @param language the spoken language, e.g. {@code de}
     * @param threads  CPU threads per utterance
     * @param loadWait how long an utterance waits for a model that is still loading
     * @param timeout  longest time one utterance may take
     * @param notes    extra facts for the status
     */
    public WhisperJniSpeechToText(Path natives, Path model, String language, int threads, Duration loadWait,
                                  Duration timeout, Map<String, Object> notes) {
        this.model = model;
        this.language = language;
        this.threads = threads;
        this.loadWait = loadWait;
        this.timeout = timeout;
        this.notes = Map.copyOf(notes);
        this.worker = new NativeWorker<>(NAME, true, () -> load(natives, model),
                                         loaded -> loaded.whisper().free(loaded.context()));
    }

    private static Loaded load(Path natives, Path model) throws IOException {
        checkFile(model);
        GgmlModelFile.verify(model);
        NativeLibraries.loadWhisper(natives);
        WhisperJNI whisper = new WhisperJNI();
        WhisperContextParams params = new WhisperContextParams();
        params.useGPU = false;
        WhisperContext context = whisper.init(model, params);
        if (context == null) {
            throw new IOException("whisper.cpp cannot read the model file " + model.getFileName()
                                  + " (not a ggml whisper model, or cut off); install it again");
        }
        return new Loaded(whisper, context, whisper.isMultilingual(context));
    }

    /**
     * Checks that a model file is there and not empty, before native code sees it.
     *
     * @param model the file
     * @throws IOException naming the file and what is wrong with it
     */
    static void checkFile(Path model) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException("the model file " + model + " is missing");
        }
        if (!Files.isReadable(model)) {
            throw new IOException("the model file " + model + " cannot be read");
        }
        if (Files.size(model) == 0) {
            throw new IOException("the model file " + model + " is empty");
        }
    }

    @Override
    public String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException {
        PcmFormat.MONO_16K.requireWholeFrames(pcm16kMono.length);
        cancel.throwIfCancelled();
        if (pcm16kMono.length == 0) {
            return "";
        }
        float[] samples = samples(pcm16kMono);
        String raw = worker.call(loaded -> run(loaded, samples), loadWait, timeout, cancel);
        return WhisperCppSpeechToText.clean(raw);
    }

    private String run(Loaded loaded, float[] samples) throws EngineException {
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.language = language;
        params.detectLanguage = false;
        params.translate = false;
        params.noContext = true;
        params.suppressNonSpeechTokens = true;
        params.suppressBlank = true;
        params.noSpeechThold = NO_SPEECH_THRESHOLD;
        params.nThreads = threads;
        params.noTimestamps = true;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        params.printSpecial = false;
        int status = loaded.whisper().full(loaded.context(), params, samples, samples.length);
        if (status != 0) {
            throw new EngineException(ErrorCode.STT_FAILED, NAME, "whisper.cpp returned " + status, null);
        }
        StringBuilder text = new StringBuilder();
        int segments = loaded.whisper().fullNSegments(loaded.context());
        for (int i = 0; i < segments; i++) {
            text.append(loaded.whisper().fullGetSegmentText(loaded.context(), i)).append(' ');
        }
        return text.toString();
    }

    private static float[] samples(byte[] pcm) {
        float[] samples = new float[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
        }
        return samples;
    }

    @Override
    public EngineStatus status() {
        String state = worker.state();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state);
        detail.put("language", language);
        detail.put("threads", threads);
        detail.putAll(notes);
        String error = switch (state) {
            case "loading" -> "the model is still loading";
            case "failed" -> worker.loadError();
            case "closed" -> "closed";
            default -> null;
        };
        if (worker.problem() != null) {
            detail.put("problem", worker.problem());
        }
        return new EngineStatus(NAME, "ready".equals(state), "in-process", model.getFileName().toString(),
                                Files.isRegularFile(model), error, Instant.now(), detail);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Whether the model understands a language: a multilingual model every language, an
     * English-only one ({@code ggml-base.en.bin}, or one whisper.cpp reports as such) English.
     */
    @Override
    public boolean supportsLanguage(String lang) {
        if ("en".equalsIgnoreCase(lang)) {
            return true;
        }
        if (WhisperCppSpeechToText.englishOnly(model.getFileName().toString())) {
            return false;
        }
        Loaded loaded = worker.loadedOrNull();
        return loaded == null || loaded.multilingual();
    }

    /**
     * Waits until the model has loaded or failed to; for start-up paths and tests.
     *
     * @param wait longest wait
     * @return true when it is ready
     */
    public boolean awaitLoaded(Duration wait) {
        return worker.awaitLoaded(wait);
    }

    @Override
    public CompletableFuture<Void> loaded() {
        return worker.loaded();
    }

    /**
     * How many times the model was loaded; one for the engine's life.
     *
     * @return the count
     */
    public int loads() {
        return worker.loads();
    }

    /** Frees the whisper context after the running utterance; later requests are {@code stt_unavailable}. */
    @Override
    public void close() {
        worker.close();
    }
}
