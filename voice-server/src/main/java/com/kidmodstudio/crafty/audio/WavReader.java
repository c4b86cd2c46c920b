package com.kidmodstudio.crafty.audio;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a WAV stream as it arrives: {@link #open(InputStream)} parses the RIFF header up to the
 * {@code data} chunk, then {@link #read(int)} hands out PCM in whole sample frames as soon as
 * the stream delivers it. Suited to engines that write WAV to a pipe ({@code espeak-ng --stdout})
 * while they are still speaking.
 *
 * <p>Accepts format tag 1 (PCM) and 0xFFFE (extensible, PCM sub-format), skips any other chunk
 * ({@code LIST}, {@code fact}, ...) with its pad byte, and treats a data size of 0 or
 * 0xFFFFFFFF, which programs writing to a pipe use because they cannot seek back, as "until the
 * end of the stream". A stream that ends inside the header, or inside a chunk before
 * {@code data}, is {@link InvalidAudioException invalid}; one that ends inside the data simply ends
 * the audio, and a trailing partial frame is dropped.
 */
public final class WavReader implements Closeable {
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final InputStream in;
    private final PcmFormat format;
    private final long dataBytes;
    private long remaining;
    private byte[] carry = new byte[0];
    private boolean ended;

    private WavReader(InputStream in, PcmFormat format, long dataBytes) {
        this.in = in;
        this.format = format;
        this.dataBytes = dataBytes;
        this.remaining = dataBytes < 0 ? Long.MAX_VALUE : dataBytes;
    }

    /**
     * Reads the header; blocks until it has arrived.
     *
     * @param in the WAV stream, positioned at its first byte; closed by {@link #close()}
     * @return a reader positioned at the first PCM byte
     * @throws InvalidAudioException when the stream is not 16-bit PCM WAV
     * @throws IOException           when reading fails
     */
    public static WavReader open(InputStream in) throws IOException {
        byte[] riff = readFully(in, 12, "RIFF header");
        if (!"RIFF".equals(ascii(riff, 0)) || !"WAVE".equals(ascii(riff, 8))) {
            throw new InvalidAudioException("not a WAV stream (no RIFF/WAVE header)");
        }
        PcmFormat format = null;
        long consumed = 12;
        while (true) {
            byte[] chunk = readFully(in, 8, "chunk header");
            String id = ascii(chunk, 0);
            long size = u32(chunk, 4);
            consumed += 8;
            if ("data".equals(id)) {
                if (format == null) {
                    throw new InvalidAudioException("WAV data chunk before its fmt chunk");
                }
                boolean unknown = size == 0 || size == 0xFFFF_FFFFL;
                return new WavReader(in, format, unknown ? -1 : size);
            }
            long padded = size + (size & 1);
            consumed += padded;
            if (size == 0xFFFF_FFFFL || consumed > MAX_HEADER_BYTES) {
                throw new InvalidAudioException("WAV header chunk '" + id + "' is too large");
            }
            if ("fmt ".equals(id)) {
                format = parseFormat(readFully(in, (int) padded, "fmt chunk"));
            } else {
                skip(in, padded, id);
            }
        }
    }

    /**
     * The format of the PCM that follows the header.
     *
     * @return the format
     */
    public PcmFormat format() {
        return format;
    }

    /**
     * The data size the header declares.
     *
     * @return bytes, or -1 when it says "unknown" (0 or 0xFFFFFFFF)
     */
    public long declaredDataBytes() {
        return dataBytes;
    }

    /**
     * Reads the next PCM block: blocks until at least one whole frame or the end has arrived,
     * then returns what is available without waiting for more.
     *
     * @param maxBytes upper bound of the block size, at least one frame
     * @return whole frames, or {@code null} at the end of the audio
     * @throws IOException when reading fails
     */
    public byte[] read(int maxBytes) throws IOException {
        int frame = format.frameBytes();
        int limit = Math.max(frame, maxBytes - maxBytes % frame);
        while (!ended) {
            int want = (int) Math.min(limit - carry.length, remaining);
            byte[] buffer = new byte[carry.length + Math.max(want, 0)];
            System.arraycopy(carry, 0, buffer, 0, carry.length);
            int n = want <= 0 ? -1 : in.read(buffer, carry.length, want);
            if (n < 0) {
                ended = true;
                break;
            }
            remaining -= n;
            int total = carry.length + n;
            int whole = total - total % frame;
            carry = Arrays.copyOfRange(buffer, whole, total);
            if (whole > 0) {
                return Arrays.copyOf(buffer, whole);
            }
        }
        return null;
    }

    /**
     * Reads all remaining PCM.
     *
     * @return whole frames, possibly empty
     * @throws IOException when reading fails
     */
    public byte[] readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] block = read(1 << 16); block != null; block = read(1 << 16)) {
            out.write(block);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static PcmFormat parseFormat(byte[] fmt) {
        if (fmt.length < 16) {
            throw new InvalidAudioException("WAV fmt chunk is too short");
        }
        int tag = u16(fmt, 0);
        if (tag == 0xFFFE && fmt.length >= 26) {
            tag = u16(fmt, 24);
        }
        int channels = u16(fmt, 2);
        long rate = u32(fmt, 4);
        int bits = u16(fmt, 14);
        if (tag != 1) {
            throw new InvalidAudioException("WAV encoding " + tag + " is not PCM");
        }
        if (rate > Integer.MAX_VALUE) {
            throw new InvalidAudioException("unsupported sample rate " + rate + " Hz");
        }
        return new PcmFormat((int) rate, channels, bits);
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new InvalidAudioException(bytes.length == 0 && "RIFF header".equals(what)
                                            ? "empty WAV stream" : "WAV stream ends inside its " + what);
        }
        return bytes;
    }

    /** Skips a chunk the parser does not need; a stream that ends inside it is cut, not just short. */
    private static void skip(InputStream in, long n, String id) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new InvalidAudioException("WAV stream ends inside its '" + id.strip() + "' chunk");
        }
    }

    /** A chunk id as printable ASCII: any other byte becomes '?', so messages stay readable. */
    private static String ascii(byte[] b, int at) {
        char[] id = new char[4];
        for (int i = 0; i < 4; i++) {
            int c = b[at + i] & 0xFF;
            id[i] = c >= 0x20 && c < 0x7F ? (char) c : '?';
        }
        return new String(id);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFF_FFFFL;
    }
}
