package com.kidmodstudio.crafty.speech;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * Speech synthesis. Implementations are thread-safe: several callers may synthesise at once;
 * an engine with a single warm process serves them one after the other.
 */
public interface TextToSpeech extends AutoCloseable {

    /**
     * The format of every PCM block {@link #synthesize} produces; fixed for the engine's life.
     *
     * @return e.g. 22050 Hz mono 16-bit
     */
    PcmFormat format();

    /**
     * Speaks a text: blocks the calling (virtual) thread and hands PCM blocks to {@code pcmSink}
     * on that thread as the engine produces them, before the whole text is done. Text that holds
     * nothing speakable produces no audio.
     *
     * @param text    what to say, one sentence or a few; never passed on a command line
     * @param pcmSink receives whole frames in {@link #format()}, in order
     * @param cancel  cancelling it stops the engine's work within 100 ms; the call then throws
     *                {@link com.kidmodstudio.crafty.engine.CancelledException}
     * @throws EngineException {@code tts_unavailable}, {@code tts_failed} or {@code tts_timeout}
     */
    void synthesize(String text, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException;

    /**
     * What the engine is and whether it can speak now. Cheap: file checks and remembered facts.
     *
     * @return the status for {@code GET /status}
     */
    EngineStatus status();

    /**
     * The engine's name as it appears in {@link #status()}.
     *
     * @return e.g. {@code "piper"}, {@code "espeak-ng"}, {@code "none"}
     */
    String name();

    /**
     * Prepares what the engine keeps warm (Piper loads its voice) so the first utterance is as
     * fast as the next. Optional; blocks until ready; problems show later in {@link #status()}
     * and in the first {@link #synthesize} call. Does nothing by default.
     */
    default void warmUp() {
    }

    /**
     * Completes when the engine has loaded what it keeps warm (an in-process voice), well or
     * not; at once for engines that load nothing. Never fails: {@link #status()} says how it went.
     *
     * @return the stage
     */
    default CompletableFuture<Void> loaded() {
        return CompletableFuture.completedFuture(null);
    }

    /** Stops the engine's processes; later calls fail with {@code tts_unavailable}. */
    @Override
    void close();
}
