package com.kidmodstudio.crafty.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.Crafty;
import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.llm.ChatModel;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.safety.SafetyLayer;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.speech.TextToSpeech;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.Retention;
import com.kidmodstudio.crafty.voice.VoiceResponder;

/**
 * Failures injected into the real engines and store of a test server. An armed fault fires once,
 * at the next call of its stage, then the stage works as before. A runtime failure or an
 * {@link Error} strikes in the middle of the work where there is a middle — after the model's first
 * delta, after the synthesizer's first audio block, while the exchange is saved — and an engine
 * failure at the start of the call, as the engines report theirs.
 */
public final class Faults {
    /** Where a fault strikes. */
    public enum Stage {
        /** The language model's stream. */
        MODEL,
        /** Saving the finished reply. */
        STORE,
        /** Speech synthesis. */
        TTS,
        /** The final transcription of an utterance. */
        STT,
        /** A partial transcription while the child speaks. */
        PARTIAL
    }

    /** What strikes. */
    public enum Kind {
        /** An {@link IllegalStateException}: a bug. */
        RUNTIME,
        /** An {@link EngineException} with the stage's failure code. */
        ENGINE,
        /** An {@link Error}. */
        ERROR
    }

    private final Map<Stage, Kind> armed = new ConcurrentHashMap<>();
    private final Map<Stage, CountDownLatch> fired = new ConcurrentHashMap<>();

    /**
     * Arms a fault for the next call of a stage.
     *
     * @param stage where
     * @param kind  what
     */
    public void arm(Stage stage, Kind kind) {
        fired.put(stage, new CountDownLatch(1));
        armed.put(stage, kind);
    }

    /**
     * Waits until the armed fault of a stage has struck.
     *
     * @param stage the stage
     * @return whether it struck within ten seconds
     */
    public boolean awaitFired(Stage stage) throws InterruptedException {
        return fired.get(stage).await(10, TimeUnit.SECONDS);
    }

    /**
     * The components of a server with this object's faults between the routes and the real
     * engines and store.
     *
     * @param real the configured components
     * @return the same server with faulty engines
     */
    public Crafty inject(Crafty real) {
        ChatModel llm = proxy(ChatModel.class, real.llm());
        TextToSpeech tts = proxy(TextToSpeech.class, real.tts());
        SpeechToText stt = proxy(SpeechToText.class, real.stt());
        ConversationStore store = proxy(ConversationStore.class, real.conversations().store());
        Conversations conversations = new Conversations(store, Retention.start(store, Duration.ZERO, Clock.systemUTC()),
                                                        Duration.ofMillis(500));
        ChatResponder responder = new ChatResponder(llm, real.language(), 20, SafetyLayer.defaults(real.language().code()));
        return new Crafty(real.language(), llm, real.warmer(), tts, stt, real.llmHealth(), real.ttsHealth(), real.sttHealth(), responder,
                          new VoiceResponder(responder, stt, tts), conversations, real.guard(), real.limits(), real.uiDir(),
                          real.telemetry(), real.config(), real.sockets(), real.parent(), real.speech(), real.models(), real.ollamaSetup());
    }

    private <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (proxy, method, args) -> {
            Stage stage = stage(method.getName(), args);
            Kind kind = stage == null ? null : armed.remove(stage);
            Object[] call = args;
            if (kind != null) {
                fired.get(stage).countDown();
                if (kind == Kind.ENGINE) {
                    throw engineFailure(stage);
                }
                if (stage != Stage.MODEL && stage != Stage.TTS) {
                    throw unexpected(stage, kind);
                }
                call = args.clone();
                call[1] = failingAfterFirst(args[1], stage, kind);
            }
            try {
                return method.invoke(real, call);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Stage stage(String method, Object[] args) {
        return switch (method) {
            case "stream" -> Stage.MODEL;
            case "synthesize" -> Stage.TTS;
            case "transcribe" -> Thread.currentThread().getName().startsWith("stt-partial") ? Stage.PARTIAL : Stage.STT;
            case "reply" -> Boolean.FALSE.equals(args[2]) ? Stage.STORE : null;
            default -> null;
        };
    }

    /** A sink that passes the first delta or audio block on, then fails. */
    private static Consumer<Object> failingAfterFirst(Object sink, Stage stage, Kind kind) {
        @SuppressWarnings("unchecked")
        Consumer<Object> downstream = (Consumer<Object>) sink;
        return value -> {
            downstream.accept(value);
            Throwable failure = unexpected(stage, kind);
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        };
    }

    private static Throwable unexpected(Stage stage, Kind kind) {
        return kind == Kind.ERROR ? new Error("injected error in " + stage)
                : new IllegalStateException("injected failure in " + stage);
    }

    private static EngineException engineFailure(Stage stage) {
        ErrorCode code = switch (stage) {
            case MODEL -> ErrorCode.LLM_ERROR;
            case TTS -> ErrorCode.TTS_FAILED;
            default -> ErrorCode.STT_FAILED;
        };
        return new EngineException(code, "injected", "injected engine failure in " + stage, null);
    }
}
