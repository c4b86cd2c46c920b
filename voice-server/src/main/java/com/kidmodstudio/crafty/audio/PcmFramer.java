package com.kidmodstudio.crafty.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a PCM stream into frames of a fixed duration, as the voice socket sends them
 * (100–200 ms each): blocks of any size go in, whole frames come out, and {@link #flush()}
 * returns the shorter remainder so no sample is lost. Not thread-safe: one per stream.
 */
public final class PcmFramer {
    private final PcmFormat format;
    private final int frameBytes;
    private byte[] pending = new byte[0];

    /**
     * Creates a framer.
     *
     * @param format      the PCM format
     * @param frameMillis frame duration, 10 to 1000 ms
     */
    public PcmFramer(PcmFormat format, int frameMillis) {
        if (frameMillis < 10 || frameMillis > 1000) {
            throw new IllegalArgumentException("frame duration must be 10 to 1000 ms, got " + frameMillis);
        }
        this.format = format;
        this.frameBytes = Math.max(format.frameBytes(), format.bytesFor(frameMillis));
    }

    /**
     * The size of a full frame.
     *
     * @return bytes, a multiple of the format's frame size
     */
    public int frameBytes() {
        return frameBytes;
    }

    /**
     * Adds PCM and returns every frame that is now complete.
     *
     * @param pcm whole sample frames, any count
     * @return complete frames in order, possibly none
     * @throws InvalidAudioException when {@code pcm} does not hold whole sample frames
     */
    public List<byte[]> add(byte[] pcm) {
        format.requireWholeFrames(pcm.length);
        byte[] all = Arrays.copyOf(pending, pending.length + pcm.length);
        System.arraycopy(pcm, 0, all, pending.length, pcm.length);
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        for (; all.length - at >= frameBytes; at += frameBytes) {
            frames.add(Arrays.copyOfRange(all, at, at + frameBytes));
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        return frames;
    }

    /**
     * Returns the remainder shorter than a frame and starts over.
     *
     * @return the remainder, or empty when the stream ended on a frame boundary
     */
    public Optional<byte[]> flush() {
        byte[] rest = pending;
        pending = new byte[0];
        return rest.length == 0 ? Optional.empty() : Optional.of(rest);
    }
}
