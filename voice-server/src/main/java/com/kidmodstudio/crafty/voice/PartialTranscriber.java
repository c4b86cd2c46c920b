package com.kidmodstudio.crafty.voice;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.SilenceGate;
import com.kidmodstudio.crafty.speech.SpeechToText;

/**
 * Shows the child what Crafty has understood so far, while they are still speaking: once speech
 * has been heard for {@code firstAfter}, the growing buffer is transcribed whenever the engine is
 * idle, at least {@code firstAfter} of new audio has arrived and the buffer passes the
 * {@link SilenceGate} (so a few loud windows do not end partials for the utterance as a failed
 * attempt would); once a partial transcript was
 * shown, the next comes at most {@code interval} later. A transcription never waits behind
 * another; when one is running, newer audio simply waits for the next round. {@link #reset()} (a final
 * transcription, {@code clear}, a closed socket) cancels the running one and discards its result.
 * A failed attempt shows nothing: after an engine error the utterance gets no more partials; after
 * anything else (a bug) the next round tries again.
 */
public final class PartialTranscriber {
    private static final Logger LOGGER = Logger.getLogger(PartialTranscriber.class.getName());

    private final SpeechToText stt;
    private final Outbound out;
    private final Duration firstAfter;
    private final long intervalNanos;

    private final long minNewBytes;
    private Cancellation running;
    private long lastSent = Long.MIN_VALUE / 2;
    private long attemptedBytes;
    private int generation;
    private String lastText = "";
    private boolean failed;

    /**
     * Creates the transcriber of one socket.
     *
     * @param stt        the speech recognizer
     * @param out        where partial transcripts go
     * @param firstAfter how much speech to wait for before the first attempt
     * @param interval   shortest time between two attempts
     */
    public PartialTranscriber(SpeechToText stt, Outbound out, Duration firstAfter, Duration interval) {
        this.stt = stt;
        this.out = out;
        this.firstAfter = firstAfter;
        this.intervalNanos = interval.toNanos();
        this.minNewBytes = PcmFormat.MONO_16K.bytesFor(firstAfter.toMillis());
    }

    /**
     * Called after audio was added: starts a transcription of the buffer when one is due.
     *
     * @param intake    the socket's audio
     * @param requestId the id the audio was announced with, echoed on partials
     */
    public synchronized void audioAdded(AudioIntake intake, String requestId) {
        if (running != null || failed || intake.speech().compareTo(firstAfter) < 0
                || intake.bytes() - attemptedBytes < minNewBytes || System.nanoTime() - lastSent < intervalNanos) {
            return;
        }
        byte[] pcm = intake.snapshot();
        if (!SilenceGate.heard(pcm)) {
            return;
        }
        attemptedBytes = pcm.length;
        Cancellation cancel = new Cancellation();
        running = cancel;
        int round = generation;
        Thread.ofVirtual().name("stt-partial").start(() -> transcribe(pcm, cancel, round, requestId));
    }

    /** Cancels the running attempt and forgets the utterance. */
    public synchronized void reset() {
        generation++;
        if (running != null) {
            running.cancel("reset");
            running = null;
        }
        lastText = "";
        failed = false;
        lastSent = Long.MIN_VALUE / 2;
        attemptedBytes = 0;
    }

    private void transcribe(byte[] pcm, Cancellation cancel, int round, String requestId) {
        String text = null;
        try {
            text = stt.transcribe(pcm, cancel);
        } catch (CancelledException e) {
            // a final transcription or a reset took over
        } catch (EngineException e) {
            LOGGER.log(Level.FINE, () -> "partial transcription failed: " + e.code().wire() + ": " + e.getMessage());
            synchronized (this) {
                failed = round == generation;
            }
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.WARNING, "partial transcription failed unexpectedly", e);
        } finally {
            synchronized (this) {
                if (running == cancel) {
                    running = null;
                }
            }
        }
        synchronized (this) {
            if (text != null && round == generation && !cancel.isCancelled() && !text.isBlank() && !text.equals(lastText)) {
                lastText = text;
                lastSent = System.nanoTime();
                out.send(new ServerMessage.PartialTranscript(text, requestId));
            }
        }
    }
}
