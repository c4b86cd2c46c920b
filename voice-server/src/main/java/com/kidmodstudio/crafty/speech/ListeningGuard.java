package com.kidmodstudio.crafty.speech;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * What stands before every recogniser, whichever it is:
 * <ol>
 *   <li>a recogniser that does not understand Crafty's language is never asked: the child gets
 *       {@code stt_wrong_language} (and is asked to type) instead of an English guess at German
 *       words, and the status calls it unavailable;</li>
 *   <li>an utterance without speech energy ({@link SilenceGate}) is {@code stt_failed}
 *       "nothing heard" and never reaches the engine;</li>
 *   <li>known made-up lines ({@link Hallucinations}) are dropped from the transcript.</li>
 * </ol>
 * The status's {@code detail.understands} lists which of Crafty's languages the engine handles.
 */
public final class ListeningGuard implements SpeechToText {
    /** The languages Crafty speaks, for {@code understands}. */
    static final List<String> LANGUAGES = List.of("de", "en");

    private final SpeechToText engine;
    private final String language;

    /**
     * Guards a recogniser.
     *
     * @param engine   the recogniser
     * @param language the language Crafty listens in
     */
    public ListeningGuard(SpeechToText engine, String language) {
        this.engine = engine;
        this.language = language;
    }

    @Override
    public String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException {
        PcmFormat.MONO_16K.requireWholeFrames(pcm16kMono.length);
        cancel.throwIfCancelled();
        if (!engine.supportsLanguage(language)) {
            throw new EngineException(ErrorCode.STT_WRONG_LANGUAGE, engine.name(),
                                      engine.name() + " understands " + understands() + " only; Crafty is set to '"
                                      + language + "'", null);
        }
        if (!SilenceGate.heard(pcm16kMono)) {
            throw new EngineException(ErrorCode.STT_FAILED, engine.name(),
                                      "nothing heard: the utterance has no speech energy", null);
        }
        return Hallucinations.strip(engine.transcribe(pcm16kMono, cancel));
    }

    @Override
    public EngineStatus status() {
        EngineStatus status = engine.status();
        Map<String, Object> detail = new LinkedHashMap<>(status.detail());
        detail.put("understands", understands());
        if (engine.supportsLanguage(language)) {
            return new EngineStatus(status.engine(), status.available(), status.location(), status.model(),
                                    status.modelPresent(), status.lastError(), status.checkedAt(), detail);
        }
        String why = status.engine() + " understands " + understands() + " only; Crafty is set to '" + language + "'";
        return new EngineStatus(status.engine(), false, status.location(), status.model(), status.modelPresent(),
                                status.lastError() == null ? why : status.lastError(), status.checkedAt(), detail);
    }

    private String understands() {
        return LANGUAGES.stream().filter(engine::supportsLanguage).collect(Collectors.joining(","));
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public boolean supportsLanguage(String lang) {
        return engine.supportsLanguage(lang);
    }

    @Override
    public CompletableFuture<Void> loaded() {
        return engine.loaded();
    }

    /**
     * The recogniser behind the guard.
     *
     * @return the engine
     */
    public SpeechToText engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
