package com.kidmodstudio.crafty.speech;

import java.time.Instant;
import java.util.Map;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * The stand-in when no recogniser is installed or configured: every request fails with
 * {@code stt_unavailable}, and the status says why, so the app can offer typing only.
 */
public final class UnavailableSpeechToText implements SpeechToText {
    private final String why;
    private final Map<String, Object> notes;

    /**
     * Creates the stand-in.
     *
     * @param why   what is missing and how to fix it
     * @param notes extra facts for the status
     */
    public UnavailableSpeechToText(String why, Map<String, Object> notes) {
        this.why = why;
        this.notes = Map.copyOf(notes);
    }

    @Override
    public String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        throw new EngineException(ErrorCode.STT_UNAVAILABLE, name(), why, null);
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
    public boolean supportsLanguage(String lang) {
        return false;
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
