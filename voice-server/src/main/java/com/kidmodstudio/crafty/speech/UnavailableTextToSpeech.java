package com.kidmodstudio.crafty.speech;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * The stand-in when no voice is installed or configured: every request fails with
 * {@code tts_unavailable}, and the status says why, so the app can show text only.
 */
public final class UnavailableTextToSpeech implements TextToSpeech {
    private final String why;
    private final Map<String, Object> notes;

    /**
     * Creates the stand-in.
     *
     * @param why   what is missing and how to fix it
     * @param notes extra facts for the status
     */
    public UnavailableTextToSpeech(String why, Map<String, Object> notes) {
        this.why = why;
        this.notes = Map.copyOf(notes);
    }

    @Override
    public PcmFormat format() {
        return EspeakTextToSpeech.FORMAT;
    }

    @Override
    public void synthesize(String text, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        throw new EngineException(ErrorCode.TTS_UNAVAILABLE, name(), why, null);
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(name(), false, null, null, null, why, Instant.now(), notes);
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
