package com.kidmodstudio.crafty.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A complete WAV clip in memory: its format and its PCM. Parses what engines and browsers write
 * (see {@link WavReader} for the accepted variants) and writes the canonical 44-byte header.
 *
 * @param format the PCM format
 * @param pcm    the samples, whole frames, without header
 */
public record Wav(PcmFormat format, byte[] pcm) {

    /** Size of the header {@link #toBytes()} writes. */
    public static final int HEADER_BYTES = 44;

    /**
     * Checks the frames.
     *
     * @throws InvalidAudioException when {@code pcm} does not hold whole frames
     */
    public Wav {
        format.requireWholeFrames(pcm.length);
    }

    /**
     * Whether bytes start like a WAV file ({@code RIFF....WAVE}); does not validate the rest.
     *
     * @param bytes any bytes
     * @return true for a RIFF/WAVE header
     */
    public static boolean isWav(byte[] bytes) {
        return bytes != null && bytes.length >= 12
                && "RIFF".equals(new String(bytes, 0, 4, StandardCharsets.US_ASCII))
                && "WAVE".equals(new String(bytes, 8, 4, StandardCharsets.US_ASCII));
    }

    /**
     * Parses a whole WAV file.
     *
     * @param bytes the file
     * @return the clip
     * @throws InvalidAudioException when it is not 16-bit PCM WAV, or is cut inside its header
     */
    public static Wav parse(byte[] bytes) {
        try (WavReader reader = WavReader.open(new ByteArrayInputStream(bytes))) {
            return new Wav(reader.format(), reader.readAll());
        } catch (IOException e) {
            // bytes in memory fail to read only by ending too soon
            throw new InvalidAudioException("WAV file is cut short: " + e.getMessage());
        }
    }

    /**
     * Encodes PCM as a WAV file.
     *
     * @param format the PCM format
     * @param pcm    whole frames
     * @return header and samples
     */
    public static byte[] encode(PcmFormat format, byte[] pcm) {
        return new Wav(format, pcm).toBytes();
    }

    /**
     * The canonical 44-byte header for a data size.
     *
     * @param format    the PCM format
     * @param dataBytes the PCM size that follows, or -1 for "unknown" (0xFFFFFFFF, as for pipes)
     * @return the header
     */
    public static byte[] header(PcmFormat format, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long data = dataBytes < 0 || dataBytes > 0xFFFF_FFFFL - 36 ? 0xFFFF_FFFFL : dataBytes;
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) (data == 0xFFFF_FFFFL ? data : data + 36))
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) format.channels())
                .putInt(format.sampleRate())
                .putInt(format.bytesPerSecond())
                .putShort((short) format.frameBytes())
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) data);
        return b.array();
    }

    /**
     * The clip as a WAV file.
     *
     * @return header and samples
     */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_BYTES + pcm.length];
        System.arraycopy(header(format, pcm.length), 0, out, 0, HEADER_BYTES);
        System.arraycopy(pcm, 0, out, HEADER_BYTES, pcm.length);
        return out;
    }

    /**
     * How long the clip plays.
     *
     * @return the duration
     */
    public Duration duration() {
        return format.duration(pcm.length);
    }
}
