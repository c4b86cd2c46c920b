package com.kidmodstudio.crafty.audio;

import java.util.Arrays;

/**
 * Converts 16-bit PCM of any rate and channel count to mono 16-bit PCM at another rate, by
 * default 16 kHz for speech recognition. Streaming: feed blocks with {@link #process(byte[])}
 * as they arrive, then call {@link #flush()} once; the concatenated output equals a one-shot
 * {@link #toMono16k(byte[], PcmFormat)} of the whole input.
 *
 * <p>Channels are averaged. The rate change is a polyphase windowed-sinc filter: a Kaiser
 * window (beta 8.6, about 85 dB stop-band rejection) over 24 zero crossings each side, cutoff
 * at 90 % of the lower Nyquist frequency, so a tone above the target's Nyquist frequency is
 * removed instead of folding back into the speech band. Each phase is normalised to unit gain.
 * Not thread-safe: one instance per stream.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 24;
    private static final double ROLLOFF = 0.90;
    private static final double KAISER_BETA = 8.6;
    private static final int MAX_TABLE_PHASES = 1024;
    private static final double I0_BETA = besselI0(KAISER_BETA);

    private final PcmFormat input;
    private final PcmFormat output;
    private final long step;
    private final long phases;
    private final int half;
    private final double cutoff;
    private final double[][] table;

    private double[] buf;
    private int bufLen;
    private long bufStart;
    private long received;
    private long produced;
    private boolean finished;

    /**
     * Creates a resampler.
     *
     * @param input      format of the PCM that will be fed
     * @param targetRate output rate; the output is mono 16-bit
     */
    public Resampler(PcmFormat input, int targetRate) {
        this.input = input;
        this.output = PcmFormat.mono(targetRate);
        long g = gcd(input.sampleRate(), targetRate);
        this.step = input.sampleRate() / g;
        this.phases = targetRate / g;
        this.cutoff = 0.5 * Math.min(1.0, (double) targetRate / input.sampleRate()) * ROLLOFF;
        this.half = input.sampleRate() == targetRate ? 0 : (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        this.table = half > 0 && phases <= MAX_TABLE_PHASES ? buildTable() : null;
        this.buf = new double[Math.max(1024, 2 * half + 1)];
        this.bufLen = half;
        this.bufStart = -half;
    }

    /**
     * A resampler to what speech recognition takes.
     *
     * @param input format of the PCM that will be fed
     * @return a resampler to {@link PcmFormat#MONO_16K}
     */
    public static Resampler toMono16k(PcmFormat input) {
        return new Resampler(input, PcmFormat.MONO_16K.sampleRate());
    }

    /**
     * Converts a whole clip to 16 kHz mono.
     *
     * @param pcm    whole frames of {@code format}
     * @param format their format
     * @return 16 kHz mono 16-bit PCM
     */
    public static byte[] toMono16k(byte[] pcm, PcmFormat format) {
        return convert(pcm, format, PcmFormat.MONO_16K);
    }

    /**
     * Converts a whole clip to another rate, mono.
     *
     * @param pcm    whole frames of {@code from}
     * @param from   their format
     * @param to     the wanted format; must be mono
     * @return PCM in {@code to}
     */
    public static byte[] convert(byte[] pcm, PcmFormat from, PcmFormat to) {
        if (to.channels() != 1) {
            throw new IllegalArgumentException("the resampler writes mono only, not " + to);
        }
        Resampler resampler = new Resampler(from, to.sampleRate());
        byte[] head = resampler.process(pcm);
        byte[] tail = resampler.flush();
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * The output format.
     *
     * @return mono 16-bit at the target rate
     */
    public PcmFormat output() {
        return output;
    }

    /**
     * Feeds a block and returns the output it completes; keeps the filter's look-ahead.
     *
     * @param pcm whole frames of the input format
     * @return output PCM, possibly empty
     * @throws InvalidAudioException when {@code pcm} does not hold whole frames
     */
    public byte[] process(byte[] pcm) {
        if (finished) {
            throw new IllegalStateException("resampler already flushed");
        }
        input.requireWholeFrames(pcm.length);
        int channels = input.channels();
        int frames = pcm.length / input.frameBytes();
        ensureCapacity(frames);
        for (int f = 0, at = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, at += 2) {
                sum += (short) ((pcm[at] & 0xFF) | pcm[at + 1] << 8);
            }
            buf[bufLen++] = (double) sum / channels;
        }
        received += frames;
        return produce(received - half);
    }

    /**
     * Ends the stream: returns the output still held back for the filter's look-ahead.
     *
     * @return the last output PCM
     */
    public byte[] flush() {
        if (finished) {
            return new byte[0];
        }
        finished = true;
        ensureCapacity(half);
        Arrays.fill(buf, bufLen, bufLen + half, 0.0);
        bufLen += half;
        return produce(received);
    }

    /** Computes every output sample whose filter window ends before input index {@code limit}. */
    private byte[] produce(long limit) {
        long total = finished ? ceilDiv(received * phases, step) : Long.MAX_VALUE;
        short[] out = new short[(int) Math.max(0, (limit + 1) * phases / step - produced + 2)];
        int count = 0;
        while (produced < total && count < out.length) {
            long pos = produced * step;
            long center = pos / phases;
            if (center >= limit && !finished || center >= received) {
                break;
            }
            double value = half == 0 ? buf[(int) (center - bufStart)] : filter(center, (int) (pos % phases));
            out[count++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
            produced++;
        }
        discardBefore(produced * step / phases - half + 1);
        byte[] bytes = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            bytes[2 * i] = (byte) out[i];
            bytes[2 * i + 1] = (byte) (out[i] >> 8);
        }
        return bytes;
    }

    private double filter(long center, int phase) {
        double[] taps = table != null ? table[phase] : kernel(phase);
        int base = (int) (center - half + 1 - bufStart);
        double acc = 0;
        for (int j = 0; j < taps.length; j++) {
            acc += taps[j] * buf[base + j];
        }
        return acc;
    }

    private double[][] buildTable() {
        double[][] t = new double[(int) phases][];
        for (int p = 0; p < phases; p++) {
            t[p] = kernel(p);
        }
        return t;
    }

    /** Taps for output time {@code i + phase/phases}, over inputs {@code i-half+1 .. i+half}. */
    private double[] kernel(int phase) {
        double frac = (double) phase / phases;
        double[] taps = new double[2 * half];
        double sum = 0;
        for (int j = 0; j < taps.length; j++) {
            double x = j - half + 1 - frac;
            double arg = 2 * cutoff * x;
            double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            double r = x / half;
            double window = r * r >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / I0_BETA;
            taps[j] = sinc * window;
            sum += taps[j];
        }
        for (int j = 0; j < taps.length; j++) {
            taps[j] /= sum;
        }
        return taps;
    }

    private void ensureCapacity(int more) {
        if (bufLen + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + more));
        }
    }

    private void discardBefore(long absolute) {
        int drop = (int) Math.min(bufLen, absolute - bufStart);
        if (drop > 4096 && drop > bufLen / 2) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
