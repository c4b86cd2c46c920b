package com.kidmodstudio.crafty.voice;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Resampler;
import com.kidmodstudio.crafty.audio.Wav;

/**
 * The audio a child is speaking into one socket, kept as 16 kHz mono 16-bit PCM however it
 * arrives: raw PCM frames in the format announced by {@code audio_start} (16 kHz mono unless
 * announced otherwise), or a whole WAV file in one binary message, recognised by its RIFF header.
 * Bounded: audio beyond {@code limit} is refused and the buffer dropped, never kept without bound.
 * Also notices when speech starts, so partial transcripts begin promptly. Not thread-safe: used
 * from the socket's read loop, which hands out {@link #snapshot() snapshots}.
 */
public final class AudioIntake {
    /** Mean absolute amplitude (of 32768) above which a 20 ms window counts as speech. */
    static final int SPEECH_LEVEL = 500;
    private static final int WINDOW_BYTES = PcmFormat.MONO_16K.bytesFor(20);

    private final long limitBytes;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private Resampler resampler;
    private PcmFormat announced = PcmFormat.MONO_16K;
    private byte[] carry = new byte[0];
    private long speechStartByte = -1;
    private boolean overflowed;

    /**
     * Creates an empty intake.
     *
     * @param limit longest audio kept, e.g. 60 s
     */
    public AudioIntake(Duration limit) {
        this.limitBytes = PcmFormat.MONO_16K.bytesFor(limit.toMillis());
    }

    /**
     * Starts a new utterance in an announced format; drops what was buffered.
     *
     * @param sampleRate the client's sample rate
     * @param channels   1 or 2
     */
    public void start(int sampleRate, int channels) {
        clear();
        announced = new PcmFormat(sampleRate, channels, 16);
        resampler = announced.equals(PcmFormat.MONO_16K) ? null : Resampler.toMono16k(announced);
    }

    /**
     * Adds one binary message.
     *
     * @param bytes raw PCM in the announced format, or a whole WAV file
     * @return the number of 16 kHz bytes buffered in all
     * @throws InvalidAudioException   when the data is not usable audio
     * @throws AudioTooLongException when the buffer would pass the limit; it is dropped
     */
    public long add(byte[] bytes) throws AudioTooLongException {
        if (overflowed) {
            throw new AudioTooLongException(limitBytes);
        }
        byte[] converted;
        if (Wav.isWav(bytes)) {
            Wav wav = Wav.parse(bytes);
            converted = Resampler.toMono16k(wav.pcm(), wav.format());
        } else {
            converted = resampler == null ? aligned(bytes) : resampler.process(aligned(bytes));
        }
        if (pcm.size() + (long) converted.length > limitBytes) {
            clear();
            overflowed = true;
            throw new AudioTooLongException(limitBytes);
        }
        detectSpeech(converted, pcm.size());
        pcm.writeBytes(converted);
        return pcm.size();
    }

    /**
     * A copy of the 16 kHz mono audio buffered so far.
     *
     * @return the PCM
     */
    public byte[] snapshot() {
        return pcm.toByteArray();
    }

    /**
     * How much audio is buffered.
     *
     * @return bytes of 16 kHz mono PCM
     */
    public long bytes() {
        return pcm.size();
    }

    /**
     * How much audio has arrived since speech started.
     *
     * @return the duration, or {@link Duration#ZERO} while only silence arrived
     */
    public Duration speech() {
        return speechStartByte < 0 ? Duration.ZERO : PcmFormat.MONO_16K.duration(pcm.size() - speechStartByte);
    }

    /** Drops the buffered audio; the announced format stays. */
    public void clear() {
        pcm.reset();
        carry = new byte[0];
        speechStartByte = -1;
        overflowed = false;
        if (resampler != null) {
            resampler = Resampler.toMono16k(announced);
        }
    }

    /** Keeps an odd trailing byte for the next message, so frames split mid-sample still add up. */
    private byte[] aligned(byte[] bytes) {
        int frame = announced.frameBytes();
        byte[] all;
        if (carry.length == 0) {
            all = bytes;
        } else {
            all = new byte[carry.length + bytes.length];
            System.arraycopy(carry, 0, all, 0, carry.length);
            System.arraycopy(bytes, 0, all, carry.length, bytes.length);
        }
        int whole = all.length - all.length % frame;
        carry = Arrays.copyOfRange(all, whole, all.length);
        return whole == all.length ? all : Arrays.copyOf(all, whole);
    }

    /** Looks for the first loud 20 ms window in newly added audio that starts at {@code offset}. */
    private void detectSpeech(byte[] added, long offset) {
        if (speechStartByte >= 0) {
            return;
        }
        for (int window = 0; window < added.length; window += WINDOW_BYTES) {
            int end = Math.min(added.length, window + WINDOW_BYTES);
            long sum = 0;
            for (int i = window; i + 1 < end; i += 2) {
                sum += Math.abs((short) ((added[i] & 0xff) | (added[i + 1] << 8)));
            }
            if (end - window >= 2 && sum / ((end - window) / 2) > SPEECH_LEVEL) {
                speechStartByte = offset + window;
                return;
            }
        }
    }

    /** More audio than the configured limit arrived; the buffer was dropped. */
    public static final class AudioTooLongException extends Exception {
        AudioTooLongException(long limitBytes) {
            super("audio is longer than the limit of " + PcmFormat.MONO_16K.duration(limitBytes).toSeconds() + " s",
                  null, false, false);
        }
    }
}
