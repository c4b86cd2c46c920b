package com.kidmodstudio.crafty.speech;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineEvents;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * The recogniser and the voice Crafty uses, chosen by {@link SpeechToTextFactory} and
 * {@link TextToSpeechFactory} at start-up and again when the installed models change
 * ({@link ModelsChanged}). {@link #stt()} and {@link #tts()} stay the same objects for the
 * process's life, so routes keep them; behind them the engine of a role is replaced only when
 * the model file chosen for it changed. In-process engines start loading their model as soon as
 * they are made, so a new model is warm before the first request reaches it.
 */
public final class SpeechEngines implements ModelsChanged, AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(SpeechEngines.class.getName());

    private final Config root;
    private final String language;
    private final EngineEvents events;
    private final Switchable<SpeechToText> stt;
    private final Switchable<TextToSpeech> tts;
    private volatile Optional<Path> sttModel;
    private volatile Optional<Path> ttsModel;

    private SpeechEngines(Config root, String language, EngineEvents events) {
        this.root = root;
        this.language = language;
        this.events = events;
        this.ttsModel = ttsChoice();
        this.sttModel = sttChoice();
        TextToSpeech voice = TextToSpeechFactory.create(root, language, events);
        try {
            this.stt = new Switchable<>(SpeechToTextFactory.create(root, language));
        } catch (RuntimeException e) {
            voice.close();
            throw e;
        }
        this.tts = new Switchable<>(voice);
    }

    /**
     * Chooses the engines; in-process ones start loading their models in the background.
     *
     * @param root     the root configuration
     * @param language Crafty's language
     * @param events   where Piper's process starts, crashes and restarts are reported
     * @return the engines
     * @throws com.kidmodstudio.crafty.config.ConfigProblem when a value is invalid
     */
    public static SpeechEngines create(Config root, String language, EngineEvents events) {
        return new SpeechEngines(root, language, events);
    }

    /**
     * The recogniser, whichever engine serves it now.
     *
     * @return the same object for the process's life
     */
    public SpeechToText stt() {
        return sttFacade;
    }

    /**
     * The voice, whichever engine serves it now.
     *
     * @return the same object for the process's life
     */
    public TextToSpeech tts() {
        return ttsFacade;
    }

    @Override
    public void modelsChanged() {
        Thread.ofVirtual().name("speech-models-changed").start(this::chooseAgain);
    }

    /** Chooses again now, on the calling thread; what {@link #modelsChanged()} runs. */
    synchronized void chooseAgain() {
        Optional<Path> nextStt = sttChoice();
        if (!Objects.equals(nextStt, sttModel)) {
            sttModel = nextStt;
            stt.replace(SpeechToTextFactory.create(root, language));
            LOGGER.info(() -> "speech input is now " + stt.engine().name() + nextStt.map(p -> " with " + p.getFileName())
                    .orElse(""));
        }
        Optional<Path> nextTts = ttsChoice();
        if (!Objects.equals(nextTts, ttsModel)) {
            ttsModel = nextTts;
            tts.replace(TextToSpeechFactory.create(root, language, events));
            LOGGER.info(() -> "speech output is now " + tts.engine().name() + nextTts.map(p -> " with " + p.getFileName())
                    .orElse(""));
        }
    }

    private Optional<Path> sttChoice() {
        return InstalledModels.whisper(InstalledModels.dir(root), SpeechToTextFactory.installedName(root), language);
    }

    private Optional<Path> ttsChoice() {
        return InstalledModels.piper(InstalledModels.dir(root), TextToSpeechFactory.installedName(root), language)
                .map(PiperVoice::model);
    }

    /** Closes both engines: stops their processes, frees their native models. */
    @Override
    public void close() {
        tts.close();
        stt.close();
    }

    private final SpeechToText sttFacade = new SpeechToText() {
        @Override
        public String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException {
            return stt.use(engine -> engine.transcribe(pcm16kMono, cancel));
        }

        @Override
        public EngineStatus status() {
            return stt.engine().status();
        }

        @Override
        public String name() {
            return stt.engine().name();
        }

        @Override
        public boolean supportsLanguage(String lang) {
            return stt.engine().supportsLanguage(lang);
        }

        @Override
        public void close() {
            stt.close();
        }
    };

    private final TextToSpeech ttsFacade = new TextToSpeech() {
        @Override
        public PcmFormat format() {
            return tts.engine().format();
        }

        @Override
        public void synthesize(String text, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException {
            tts.use(engine -> {
                engine.synthesize(text, pcmSink, cancel);
                return null;
            });
        }

        @Override
        public EngineStatus status() {
            return tts.engine().status();
        }

        @Override
        public String name() {
            return tts.engine().name();
        }

        @Override
        public void warmUp() {
            tts.engine().warmUp();
        }

        @Override
        public void close() {
            tts.close();
        }
    };
}
