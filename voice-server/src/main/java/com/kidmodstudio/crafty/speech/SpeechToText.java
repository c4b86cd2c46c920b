package com.kidmodstudio.crafty.speech;

import java.util.concurrent.CompletableFuture;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * Speech recognition of one finished utterance. The language is fixed when the engine is
 * created. Implementations are thread-safe.
 */
public interface SpeechToText extends AutoCloseable {

    /**
     * Transcribes an utterance; blocks the calling (virtual) thread.
     *
     * @param pcm16kMono the utterance as 16 kHz mono 16-bit little-endian PCM
     *                   ({@link com.kidmodstudio.crafty.audio.Resampler} converts other audio)
     * @param cancel     cancelling it stops the engine's work; the call then throws
     *                   {@link com.kidmodstudio.crafty.engine.CancelledException}
     * @return the text heard, trimmed; empty when nothing was understood
     * @throws EngineException {@code stt_unavailable}, {@code stt_failed} or {@code stt_timeout}
     * @throws com.kidmodstudio.crafty.audio.InvalidAudioException when the PCM has an odd byte count
     */
    String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException;

    /**
     * What the engine is and whether it can listen now, with language notes.
     *
     * @return the status for {@code GET /status}
     */
    EngineStatus status();

    /**
     * The engine's name as it appears in {@link #status()}.
     *
     * @return e.g. {@code "whisper.cpp"}, {@code "pocketsphinx"}, {@code "none"}
     */
    String name();

    /**
     * Whether the engine understands a language.
     *
     * @param lang an ISO 639-1 code such as {@code de} or {@code en}
     * @return true when it can transcribe that language
     */
    boolean supportsLanguage(String lang);

    /**
     * Completes when the engine has loaded what it keeps warm (an in-process model), well or
     * not; at once for engines that load nothing. Never fails: {@link #status()} says how it went.
     *
     * @return the stage
     */
    default CompletableFuture<Void> loaded() {
        return CompletableFuture.completedFuture(null);
    }

    /** Stops the engine's processes and connections. */
    @Override
    void close();
}
