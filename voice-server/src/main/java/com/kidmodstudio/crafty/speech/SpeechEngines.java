package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.logging.Level;
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
 * the model file chosen for it changed (another file, or the same file installed again). In-process
 * engines start loading their model as soon as they are made, so a new model is warm before the
 * first request reaches it. {@link #subscribe} hears when an engine was replaced and when an
 * engine has finished loading; {@link #statusOf} says what became of an installed model file.
 */
public final class SpeechEngines implements ModelsChanged, AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(SpeechEngines.class.getName());

    private final Config root;
    private final String language;
    private final EngineEvents events;
    private final Switchable<SpeechToText> stt;
    private final Switchable<TextToSpeech> tts;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private volatile Optional<Choice> sttModel;
    private volatile Optional<Choice> ttsModel;

    /** A chosen model file as it is on disk: installing it again (a new file renamed into place) is another choice. */
    private record Choice(Path file, FileTime modified) {
        static Optional<Choice> of(Optional<Path> file) {
            return file.map(f -> {
                try {
                    return new Choice(f, Files.getLastModifiedTime(f));
                } catch (IOException e) {
                    return new Choice(f, FileTime.fromMillis(0));
                }
            });
        }
    }

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
        watch(stt.engine().loaded());
        watch(voice.loaded());
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

    /**
     * Chooses again now, on the calling thread (what {@link #modelsChanged()} runs in the
     * background): the model manager calls it before it tells the panels that a model was
     * installed or deleted, so what they are told next is about the new engine.
     */
    public synchronized void chooseAgain() {
        Optional<Choice> nextStt = sttChoice();
        if (!Objects.equals(nextStt, sttModel)) {
            sttModel = nextStt;
            SpeechToText engine = SpeechToTextFactory.create(root, language);
            stt.replace(engine);
            LOGGER.info(() -> "speech input is now " + engine.name() + nextStt.map(c -> " with " + c.file().getFileName())
                    .orElse(""));
            changed();
            watch(engine.loaded());
        }
        Optional<Choice> nextTts = ttsChoice();
        if (!Objects.equals(nextTts, ttsModel)) {
            ttsModel = nextTts;
            TextToSpeech engine = TextToSpeechFactory.create(root, language, events);
            tts.replace(engine);
            LOGGER.info(() -> "speech output is now " + engine.name() + nextTts.map(c -> " with " + c.file().getFileName())
                    .orElse(""));
            changed();
            watch(engine.loaded());
        }
    }

    private Optional<Choice> sttChoice() {
        return Choice.of(InstalledModels.whisper(InstalledModels.dir(root), SpeechToTextFactory.installedName(root),
                                                 language));
    }

    private Optional<Choice> ttsChoice() {
        return Choice.of(InstalledModels.piper(InstalledModels.dir(root), TextToSpeechFactory.installedName(root), language)
                                 .map(PiperVoice::model));
    }

    /**
     * Hears when an engine was replaced and when an engine has finished loading its model (well or not).
     *
     * @param listener called on the thread where it happened; must return quickly
     * @return call to stop hearing
     */
    public Runnable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * What the engine that uses an installed model file reports: the in-process recogniser or
     * voice whose model is that file ({@code detail.state} {@code loading}, {@code ready} or
     * {@code failed}, with {@code detail.problem} and {@code lastError} when it failed).
     *
     * @param file a file in the models directory
     * @return its engine's status, or empty when no engine uses the file
     */
    public Optional<EngineStatus> statusOf(Path file) {
        String name = file.getFileName().toString();
        for (EngineStatus status : new EngineStatus[] {stt.engine().status(), tts.engine().status()}) {
            if ("in-process".equals(status.location()) && name.equals(status.model())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    private void watch(CompletableFuture<Void> loaded) {
        loaded.thenRun(this::changed);
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "a speech engine listener failed", e);
            }
        }
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
