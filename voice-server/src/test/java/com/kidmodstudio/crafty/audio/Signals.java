package com.kidmodstudio.crafty.audio;

/** Test signals and measurements on 16-bit PCM. */
final class Signals {
    private Signals() {
    }

    /** A sine of {@code seconds} at {@code hz}, peak {@code amplitude} (0..1), on every channel. */
    static byte[] sine(PcmFormat format, double hz, double amplitude, double seconds) {
        return sine(format, hz, amplitude, seconds, false);
    }

    /** Like {@link #sine} but, when {@code invertRight}, the second channel is the negated signal. */
    static byte[] sine(PcmFormat format, double hz, double amplitude, double seconds, boolean invertRight) {
        int frames = (int) Math.round(format.sampleRate() * seconds);
        byte[] pcm = new byte[frames * format.frameBytes()];
        int at = 0;
        for (int i = 0; i < frames; i++) {
            double v = amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / format.sampleRate());
            for (int c = 0; c < format.channels(); c++) {
                short s = (short) Math.round(c == 1 && invertRight ? -v : v);
                pcm[at++] = (byte) s;
                pcm[at++] = (byte) (s >> 8);
            }
        }
        return pcm;
    }

    /** Mono samples of 16-bit mono PCM. */
    static short[] samples(byte[] pcm) {
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
        }
        return out;
    }

    /** RMS of the middle half of a mono clip, relative to full scale. */
    static double middleRms(byte[] monoPcm) {
        short[] s = samples(monoPcm);
        int from = s.length / 4;
        int to = s.length * 3 / 4;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from)) / 32767.0;
    }

    /** Frequency estimated from the rising zero crossings of the middle half of a mono clip. */
    static double middleFrequency(byte[] monoPcm, int sampleRate) {
        short[] s = samples(monoPcm);
        int from = s.length / 4;
        int to = s.length * 3 / 4;
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings == 0 ? 0 : crossings * (double) sampleRate / (last - first);
    }
}
