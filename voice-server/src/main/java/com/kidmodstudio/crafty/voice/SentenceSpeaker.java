package com.kidmodstudio.crafty.voice;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.SpeechException;
import com.kidmodstudio.crafty.speech.TextToSpeech;

/**
 * Speaks a reply sentence by sentence while the language model is still writing it: sentences
 * are queued as soon as they are complete and synthesized in order on a worker thread, each sent
 * as {@code sentence}, {@code audio_start}, frames, {@code audio_end}. When synthesis fails the
 * rest of the reply stays text only and the error code is kept for the final {@code done}.
 * Cancelling the turn stops the synthesis and drops the queued sentences.
 */
final class SentenceSpeaker {
    private static final Logger LOGGER = Logger.getLogger(SentenceSpeaker.class.getName());
    private static final String END = new String("end of reply");

    private final TextToSpeech tts;
    private final Turn turn;
    private final Cancellation cancel;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile String ttsError;
    private int index;

    SentenceSpeaker(TextToSpeech tts, Turn turn) {
        this.tts = tts;
        this.turn = turn;
        this.cancel = turn.cancel();
        this.worker = Thread.ofVirtual().name("tts-sentences").start(this::work);
    }

    /**
     * Queues a complete sentence.
     *
     * @param sentence the sentence
     */
    void add(String sentence) {
        queue.add(sentence);
    }

    /**
     * Marks the end of the reply and waits until every queued sentence was spoken, or the turn
     * was cancelled.
     */
    void finish() {
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
                String sentence = queue.take();
                if (sentence == END || cancel.isCancelled()) {
                    return;
                }
                if (ttsError == null) {
                    speak(sentence);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CancelledException e) {
            // stopped: nothing more is sent
        } finally {
            wakeUp.close();
        }
    }

    private void speak(String sentence) {
        if (index == 0) {
            turn.send(new ServerMessage.Status("speaking", null, null, turn.requestId()));
        }
        turn.send(new ServerMessage.Sentence(index++, sentence, turn.requestId()));
        AudioSender audio = new AudioSender(tts.format(), turn);
        audio.begin();
        try {
            tts.synthesize(sentence, audio::accept, cancel);
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "speaking failed: " + e.code() + ": " + e.getMessage());
            ttsError = e.code();
        } finally {
            if (!cancel.isCancelled()) {
                audio.end();
            }
        }
    }
}
