package com.kidmodstudio.crafty.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.TextToSpeech;
import com.kidmodstudio.crafty.text.SpeechPlanner;
import com.kidmodstudio.crafty.turn.Turn;

/**
 * Carries out a {@link SpeechPlanner}'s plan while the language model is still writing: pieces
 * are queued as the planner hands them over and synthesized in order on a worker thread, each
 * sent as {@code sentence}, {@code audio_start}, frames, {@code audio_end}. When synthesis fails —
 * an engine error, or anything else the engine throws ({@code internal}) — the rest of the reply
 * stays text only and the error code is kept for the final {@code done}.
 * Cancelling the turn stops the synthesis and drops the queued pieces.
 *
 * <p>Preparing: a sentence the planner proposes is synthesized at once with its audio held back,
 * if the worker is free (otherwise it would only wait in the queue). The next piece tells whether
 * it was the one prepared: then the held audio goes out right away and the rest streams as it
 * comes; if not, the synthesis is stopped and its audio dropped unheard. Either way the client
 * sees exactly the sentences and audio it would have without preparing, only sooner.
 */
final class SentenceSpeaker {
    private static final Logger LOGGER = Logger.getLogger(SentenceSpeaker.class.getName());
    private static final Object END = new Object();

    private final TextToSpeech tts;
    private final SpokenReply reply;
    private final Turn turn;
    private final Cancellation cancel;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final Object lock = new Object();
    private volatile String ttsError;
    /** Pieces and guesses queued or being spoken; guarded by {@link #lock}. */
    private int unfinished;
    /** The guess no sentence has confirmed or refuted yet; guarded by {@link #lock}. */
    private Guess open;
    /** The next sentence's index; guarded by {@link #lock}. */
    private int index;

    SentenceSpeaker(TextToSpeech tts, Turn turn, SpokenReply reply) {
        this.reply = reply;
        this.tts = tts;
        this.turn = turn;
        this.cancel = turn.cancel();
        this.worker = Thread.ofVirtual().name("tts-sentences").start(this::work);
    }

    /**
     * Speaks a piece: lets the prepared audio go out when the piece is the one prepared, else
     * drops that audio and queues the piece.
     *
     * @param piece what the planner says to speak now
     */
    void add(SpeechPlanner.Piece piece) {
        synchronized (lock) {
            Guess guess = open;
            open = null;
            if (guess != null) {
                if (piece.prepared()) {
                    guess.confirm(piece.text(), index++);
                    return;
                }
                guess.refute();
            }
            unfinished++;
            queue.add(piece.text());
        }
    }

    /**
     * Starts synthesizing a sentence the planner proposes, holding its audio until {@link #add}
     * says whether it was right. Ignored while anything else is queued or being spoken (the
     * sentence would have to wait anyway), while another is prepared, or after a failure.
     *
     * @param sentence the proposed sentence
     */
    void prepare(String sentence) {
        synchronized (lock) {
            if (open != null || unfinished > 0 || ttsError != null || cancel.isCancelled()) {
                return;
            }
            open = new Guess(sentence);
            unfinished++;
            queue.add(open);
        }
    }

    /**
     * Marks the end of the reply and waits until every queued sentence was spoken, or the turn
     * was cancelled. A guess still open is dropped.
     */
    void finish() {
        synchronized (lock) {
            if (open != null) {
                open.refute();
                open = null;
            }
        }
        queue.add(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops speaking: drops the queue and waits for the worker to end. */
    void abort() {
        queue.clear();
        finish();
    }

    /**
     * The code of the synthesis failure, if one happened.
     *
     * @return e.g. {@code tts_unavailable}, or {@code null}
     */
    String ttsError() {
        return ttsError;
    }


    private void work() {
        Cancellation.Registration wakeUp = cancel.onCancel(() -> queue.add(END));
        try {
            while (true) {
                Object item = queue.take();
                if (item == END || cancel.isCancelled()) {
                    return;
                }
                if (item instanceof Guess guess) {
                    guess.speak();
                } else if (ttsError == null) {
                    speak((String) item);
                }
                synchronized (lock) {
                    unfinished--;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CancelledException e) {
            // stopped: nothing more is sent
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.SEVERE, "speaking failed unexpectedly", e);
            failed(ErrorCode.INTERNAL, e.getClass().getSimpleName());
        } finally {
            wakeUp.close();
        }
    }

    private void speak(String sentence) {
        int at;
        synchronized (lock) {
            at = index++;
        }
        announce(sentence, at);
        AudioSender audio = new AudioSender(tts.format(), turn);
        audio.begin();
        try {
            tts.synthesize(sentence, audio::accept, cancel);
        } catch (EngineException e) {
            failed(e.code(), e.getMessage());
        } finally {
            reply.spoken(at, sentence, audio.millis());
            audio.end();
        }
    }

    private void announce(String sentence, int at) {
        if (at == 0) {
            turn.send(new ServerMessage.Status("speaking", null, null, turn.requestId()));
        }
        turn.send(new ServerMessage.Sentence(at, sentence, turn.requestId()));
    }

    private void failed(ErrorCode code, String detail) {
        LOGGER.log(Level.WARNING, () -> "speaking failed: " + code.wire() + ": " + detail);
        ttsError = code.wire();
    }

    /**
     * A sentence synthesized before it is known to be complete. Its audio is held until
     * {@link #confirm}, then sent; {@link #refute} stops the synthesis and drops the audio.
     * The worker runs {@link #speak}; confirm and refute come from the model's thread.
     */
    private final class Guess {
        private final String text;
        private final Cancellation own = new Cancellation();
        private final AudioSender audio = new AudioSender(tts.format(), turn);
        private final List<byte[]> held = new ArrayList<>();
        private boolean confirmed;
        private boolean refuted;
        private boolean synthesized;
        private EngineException failure;
        private int index;
        private String sentence;

        Guess(String text) {
            this.text = text;
        }

        /** Synthesizes the guess on the worker; returns when it is done, failed or refuted. */
        void speak() {
            Cancellation.Registration withTurn = cancel.onCancel(() -> own.cancel(cancel.reason()));
            try {
                tts.synthesize(text, this::accept, own);
            } catch (EngineException e) {
                synchronized (this) {
                    failure = e;
                }
            } catch (CancelledException e) {
                cancel.throwIfCancelled();
            } finally {
                withTurn.close();
            }
            synchronized (this) {
                synthesized = true;
                if (confirmed) {
                    end();
                }
            }
        }

        private synchronized void accept(byte[] pcm) {
            if (confirmed) {
                audio.accept(pcm);
            } else if (!refuted) {
                held.add(pcm);
            }
        }

        /** The guess was right: announces it as sentence {@code at} and sends what is held. */
        synchronized void confirm(String sentence, int at) {
            confirmed = true;
            index = at;
            this.sentence = sentence;
            try {
                announce(sentence, at);
                audio.begin();
                for (byte[] pcm : held) {
                    audio.accept(pcm);
                }
                held.clear();
                if (synthesized) {
                    end();
                }
            } catch (CancelledException e) {
                // the turn was stopped; its own thread ends it
            }
        }

        /** The guess was wrong: stops its synthesis and forgets its audio. */
        void refute() {
            synchronized (this) {
                refuted = true;
                held.clear();
            }
            own.cancel("guess refuted");
        }

        private void end() {
            if (failure != null) {
                failed(failure.code(), failure.getMessage());
            }
            reply.spoken(index, sentence, audio.millis());
            audio.end();
        }
    }
}
