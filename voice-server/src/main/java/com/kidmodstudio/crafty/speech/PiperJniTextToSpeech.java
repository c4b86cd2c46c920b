package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.givimad.piperjni.PiperJNI;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.text.SpeakableText;

/**
 * Piper inside the sidecar's own process, through piper-jni: one voice loaded once, in the
 * background as soon as the engine is made, and kept warm; every text runs on the voice's own
 * thread, one at a time ({@link NativeWorker}). espeak-ng's phoneme data comes from the folder
 * {@link NativeLibraries} unpacked once. A voice that Piper cannot load (piper-jni's
 * {@code loadVoice} throws) makes every request {@code tts_unavailable} naming the file. A text
 * arriving while the voice still loads waits up to {@code loadWait}, then gets
 * {@code tts_unavailable} "still loading". Piper returns a text's audio when the text is done,
 * so callers pass a sentence at a time (as the voice routes do). Cancelling stops the waiting at
 * once; the sentence being synthesised finishes on the voice's thread and is dropped.
 * Thread-safe.
 */
public final class PiperJniTextToSpeech implements TextToSpeech {
    static final String NAME = "piper-jni";

    private final PiperVoice voice;
    private final PcmFormat format;
    private final Duration loadWait;
    private final Duration timeout;
    private final Map<String, Object> notes;
    private final NativeWorker<Loaded> worker;

    private record Loaded(PiperJNI piper, io.github.givimad.piperjni.PiperVoice voice) {
    }

    /**
     * Creates the engine and starts loading the voice in the background.
     *
     * @param natives  the folder the native libraries are unpacked into once
     * @param voice    the voice: its {@code .onnx} model and {@code .onnx.json} config
     * @param speaker  the speaker id of a multi-speaker voice, or -1 for its default
     * @param loadWait how long a text waits for a voice that is still loading
     * @param timeout  longest time one text may take
     * @param notes    extra facts for the status
     */
    public PiperJniTextToSpeech(Path natives, PiperVoice voice, int speaker, Duration loadWait, Duration timeout,
                                Map<String, Object> notes) {
        this.voice = voice;
        this.format = PcmFormat.mono(voice.sampleRate());
        this.loadWait = loadWait;
        this.timeout = timeout;
        this.notes = Map.copyOf(notes);
        this.worker = new NativeWorker<>(NAME, false, () -> load(natives, voice, speaker), PiperJniTextToSpeech::free);
    }

    private static Loaded load(Path natives, PiperVoice voice, int speaker) throws IOException {
        WhisperJniSpeechToText.checkFile(voice.model());
        WhisperJniSpeechToText.checkFile(voice.config());
        NativeLibraries.loadPiper(natives);
        PiperJNI piper = new PiperJNI();
        try {
            piper.initialize(true, false);
            io.github.givimad.piperjni.PiperVoice loaded = piper.loadVoice(voice.model(), voice.config(), speaker, false);
            if (loaded.getSampleRate() != voice.sampleRate()) {
                loaded.close();
                throw new IOException("the voice " + voice.model().getFileName() + " speaks at " + loaded.getSampleRate()
                                      + " Hz, its config says " + voice.sampleRate());
            }
            return new Loaded(piper, loaded);
        } catch (IOException | RuntimeException | PiperJNI.NotInitialized e) {
            terminate(piper);
            throw new IOException("Piper cannot load the voice " + voice.model().getFileName()
                                  + " (not a Piper .onnx voice, or cut off; install it again): " + e.getMessage(), e);
        }
    }

    private static void free(Loaded loaded) {
        loaded.voice().close();
        terminate(loaded.piper());
    }

    /** piper-jni's terminate throws "map::at" in some states (no voice ever loaded); nothing is left to free then. */
    private static void terminate(PiperJNI piper) {
        try {
            piper.close();
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(PiperJniTextToSpeech.class.getName())
                    .fine(() -> "piper-jni terminate: " + e.getMessage());
        }
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public void synthesize(String text, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        String speakable = SpeakableText.clean(text);
        if (speakable.isBlank()) {
            return;
        }
        short[] audio = worker.call(loaded -> loaded.piper().textToAudio(loaded.voice(), speakable), loadWait, timeout,
                                    cancel);
        cancel.throwIfCancelled();
        if (audio.length > 0) {
            pcmSink.accept(bytes(audio));
        }
    }

    private static byte[] bytes(short[] samples) {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return pcm;
    }

    @Override
    public EngineStatus status() {
        String state = worker.state();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state);
        detail.put("sampleRate", format.sampleRate());
        detail.putAll(notes);
        String error = switch (state) {
            case "loading" -> "the voice is still loading";
            case "failed" -> worker.loadError();
            case "closed" -> "closed";
            default -> null;
        };
        if (worker.problem() != null) {
            detail.put("problem", worker.problem());
        }
        return new EngineStatus(NAME, "ready".equals(state), "in-process", voice.model().getFileName().toString(),
                                Files.isRegularFile(voice.model()), error, Instant.now(), detail);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Waits for the voice to load, so the first sentence is as fast as the next. */
    @Override
    public void warmUp() {
        worker.awaitLoaded(loadWait.plus(Duration.ofMinutes(1)));
    }

    /**
     * Waits until the voice has loaded or failed to; for start-up paths and tests.
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
     * How many times the voice was loaded; one for the engine's life.
     *
     * @return the count
     */
    public int loads() {
        return worker.loads();
    }

    /** Frees the voice and Piper's config after the running text; later requests are {@code tts_unavailable}. */
    @Override
    public void close() {
        worker.close();
    }
}
