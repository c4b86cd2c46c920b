package com.kidmodstudio.crafty.voice;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.PcmFramer;
import com.kidmodstudio.crafty.observe.Telemetry;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.turn.Turn;

/**
 * Sends one stream of synthesized audio: {@code audio_start} with its format, binary frames of a
 * fixed duration (the last one may be shorter), {@code audio_end}. Checks the turn's cancellation
 * before every frame, so a stop silences Crafty at once.
 */
final class AudioSender {
    /** Duration of one outgoing audio frame. */
    static final int FRAME_MILLIS = 160;

    private final Turn turn;
    private final PcmFormat format;
    private final PcmFramer framer;
    private boolean started;
    private int frames;
    private long bytes;

    AudioSender(PcmFormat format, Turn turn) {
        this.turn = turn;
        this.format = format;
        this.framer = new PcmFramer(format, FRAME_MILLIS);
    }

    /** Announces the stream. */
    void begin() {
        if (!started) {
            started = true;
            turn.send(ServerMessage.AudioStart.pcm(format.sampleRate(), turn.requestId()));
        }
    }

    /**
     * Sends every complete frame of a block of PCM.
     *
     * @param pcm audio in the announced format
     */
    void accept(byte[] pcm) {
        begin();
        for (byte[] frame : framer.add(pcm)) {
            send(frame);
        }
    }

    /** Sends the remainder and ends the stream, unless it never began or the turn was cancelled. */
    void end() {
        if (!started || turn.cancel().isCancelled()) {
            return;
        }
        framer.flush().ifPresent(this::send);
        turn.send(new ServerMessage.AudioEnd(turn.requestId(), frames, bytes));
        started = false;
    }


    /**
     * How long the audio sent so far plays.
     *
     * @return milliseconds
     */
    long millis() {
        return bytes * 1000 / ((long) format.sampleRate() * format.channels() * (format.bitsPerSample() / 8));
    }

    private void send(byte[] frame) {
        if (!turn.sendAudio(frame)) {
            turn.cancel().throwIfCancelled();
            return;
        }
        if (frames == 0) {
            turn.trace().mark(Telemetry.Stage.FIRST_AUDIO);
        }
        frames++;
        bytes += frame.length;
    }
}
