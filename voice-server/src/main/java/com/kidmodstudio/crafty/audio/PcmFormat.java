package com.kidmodstudio.crafty.audio;

import java.time.Duration;

/**
 * The layout of raw PCM audio. Crafty handles only signed 16-bit little-endian samples,
 * channels interleaved; the compact constructor rejects anything else.
 *
 * @param sampleRate    samples per second and channel, 1000 to 384000
 * @param channels      interleaved channels, 1 to 8
 * @param bitsPerSample always 16
 */
public record PcmFormat(int sampleRate, int channels, int bitsPerSample) {

    /** What speech recognition takes: 16 kHz, mono, 16-bit. */
    public static final PcmFormat MONO_16K = new PcmFormat(16_000, 1, 16);

    /**
     * Validates the format.
     *
     * @throws InvalidAudioException for an unsupported rate, channel count or sample width
     */
    public PcmFormat {
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new InvalidAudioException("unsupported sample rate " + sampleRate + " Hz");
        }
        if (channels < 1 || channels > 8) {
            throw new InvalidAudioException("unsupported channel count " + channels);
        }
        if (bitsPerSample != 16) {
            throw new InvalidAudioException("only 16-bit PCM is supported, got " + bitsPerSample + "-bit");
        }
    }

    /**
     * A mono 16-bit format.
     *
     * @param sampleRate samples per second
     * @return the format
     */
    public static PcmFormat mono(int sampleRate) {
        return new PcmFormat(sampleRate, 1, 16);
    }

    /**
     * Bytes of one sample frame (one sample of every channel).
     *
     * @return {@code 2 * channels}
     */
    public int frameBytes() {
        return channels * 2;
    }

    /**
     * Bytes of one second of audio.
     *
     * @return {@code sampleRate * frameBytes()}
     */
    public int bytesPerSecond() {
        return sampleRate * frameBytes();
    }

    /**
     * How long a number of bytes plays.
     *
     * @param bytes a byte count of this format
     * @return the duration, rounded down to whole microseconds
     */
    public Duration duration(long bytes) {
        return Duration.ofNanos(bytes * 1_000_000L / bytesPerSecond() * 1000L);
    }

    /**
     * The number of bytes of whole frames that play for at most {@code millis}.
     *
     * @param millis a duration in milliseconds
     * @return a multiple of {@link #frameBytes()}
     */
    public int bytesFor(long millis) {
        return Math.toIntExact((long) sampleRate * millis / 1000L * frameBytes());
    }

    /**
     * Checks that a byte count holds whole sample frames.
     *
     * @param bytes the byte count of a PCM block
     * @throws InvalidAudioException when it does not
     */
    public void requireWholeFrames(int bytes) {
        if (bytes % frameBytes() != 0) {
            throw new InvalidAudioException(bytes + " bytes are not whole " + channels + "-channel 16-bit frames ("
                                            + frameBytes() + " bytes each)");
        }
    }

    @Override
    public String toString() {
        return sampleRate + " Hz " + (channels == 1 ? "mono" : channels + " ch") + " s16le";
    }
}
