package com.kidmodstudio.crafty.voice;

import java.time.Duration;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.SpeechToText;

/**
 * The listening side of a voice socket ({@code /voice/stt}, {@code /voice/chat}): takes
 * {@code audio_start} and binary audio, acknowledges each message with
 * {@code {"type":"ack","received":n,"total":m}}, sends partial transcripts while the child
 * speaks, and reports audio over the limit once per utterance as {@code too_large}.
 */
public final class AudioInput {
    /** Speech heard before the first partial transcript is attempted. */
    static final Duration FIRST_PARTIAL_AFTER = Duration.ofMillis(300);
    /** Shortest time between two partial transcripts. */
    static final Duration PARTIAL_INTERVAL = Duration.ofMillis(700);

    private final AudioIntake intake;
    private final PartialTranscriber partials;
    private final Outbound out;
    private String requestId;
    private boolean tooLongReported;

    /**
     * Creates the input of one socket.
     *
     * @param stt   the recognizer used for partial transcripts
     * @param out   where acks and partials go
     * @param limit longest utterance kept
     */
    public AudioInput(SpeechToText stt, Outbound out, Duration limit) {
        this.intake = new AudioIntake(limit);
        this.partials = new PartialTranscriber(stt, out, FIRST_PARTIAL_AFTER, PARTIAL_INTERVAL);
        this.out = out;
    }

    /**
     * A new utterance in an announced format.
     *
     * @param start the announcement
     */
    public void start(ClientMessage.AudioStart start) {
        partials.reset();
        intake.start(start.sampleRate(), start.channels());
        requestId = start.requestId();
        tooLongReported = false;
    }

    /**
     * One binary message of audio.
     *
     * @param bytes PCM in the announced format, or a whole WAV file
     * @throws ProtocolException {@code bad_audio} or (once per utterance) {@code too_large}
     */
    public void add(byte[] bytes) throws ProtocolException {
        long total;
        try {
            total = intake.add(bytes);
        } catch (InvalidAudioException e) {
            throw new ProtocolException(ErrorCode.BAD_AUDIO, e.getMessage(), requestId);
        } catch (AudioIntake.AudioTooLongException e) {
            partials.reset();
            if (tooLongReported) {
                return;
            }
            tooLongReported = true;
            throw new ProtocolException(ErrorCode.TOO_LARGE, e.getMessage(), requestId);
        }
        out.send(new ServerMessage.Ack(bytes.length, total, requestId));
        partials.audioAdded(intake, requestId);
    }

    /**
     * {@code clear}: drops the audio so far and answers with {@code cleared}.
     *
     * @param clear the message
     */
    public void clear(ClientMessage.Clear clear) {
        clear();
        out.send(new ServerMessage.Cleared(true, clear.requestId()));
    }

    /**
     * Takes the utterance for a final transcription: the audio so far, and a fresh start.
     *
     * @param requestId the id of the message asking for it
     * @return 16 kHz mono PCM, never empty
     * @throws ProtocolException {@code no_audio} when nothing arrived
     */
    public byte[] take(String requestId) throws ProtocolException {
        partials.reset();
        byte[] pcm = intake.snapshot();
        intake.clear();
        tooLongReported = false;
        if (pcm.length == 0) {
            throw new ProtocolException(ErrorCode.NO_AUDIO, "No audio data", requestId);
        }
        return pcm;
    }

    /** Drops the audio so far. */
    public void clear() {
        partials.reset();
        intake.clear();
        tooLongReported = false;
    }

    /**
     * The request id the audio was announced with.
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }
}
