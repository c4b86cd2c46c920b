package com.kidmodstudio.crafty.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavTest {
    private static final PcmFormat MONO_22K = PcmFormat.mono(22_050);

    @Test
    void writes_and_parses_back_the_same_clip() {
        byte[] pcm = Signals.sine(new PcmFormat(44_100, 2, 16), 440, 0.5, 0.1);

        Wav wav = Wav.parse(Wav.encode(new PcmFormat(44_100, 2, 16), pcm));

        assertThat(wav.format(), is(new PcmFormat(44_100, 2, 16)));
        assertArrayEquals(pcm, wav.pcm());
        assertThat(wav.duration(), is(Duration.ofMillis(100)));
    }

    @Test
    void skips_list_and_odd_sized_chunks_before_data() {
        byte[] pcm = Signals.sine(MONO_22K, 300, 0.5, 0.05);
        byte[] file = riff(fmt(1, 1, 22_050, 16), chunk("LIST", "INFOISFT\u0005\0\0\0Lavf5"), chunk("junk", "abc"),
                           chunk("data", pcm));

        Wav wav = Wav.parse(file);

        assertThat(wav.format(), is(MONO_22K));
        assertArrayEquals(pcm, wav.pcm());
    }

    @Test
    void data_size_zero_or_all_ones_means_until_the_end() {
        byte[] pcm = Signals.sine(MONO_22K, 300, 0.5, 0.05);
        for (long size : new long[] {0, 0xFFFF_FFFFL, 0x7FFF_F000L}) {
            byte[] file = riff(fmt(1, 1, 22_050, 16), header("data", size), pcm);

            assertArrayEquals(pcm, Wav.parse(file).pcm(), "data size " + size);
        }
    }

    @Test
    void extensible_pcm_format_is_accepted() {
        ByteBuffer ext = le(40).putShort((short) 0xFFFE).putShort((short) 2).putInt(48_000).putInt(192_000)
                .putShort((short) 4).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(3)
                .putShort((short) 1).put(new byte[14]);
        byte[] file = riff(chunk("fmt ", ext.array()), chunk("data", new byte[8]));

        assertThat(Wav.parse(file).format(), is(new PcmFormat(48_000, 2, 16)));
    }

    @Test
    void declared_data_size_stops_before_trailing_chunks() {
        byte[] pcm = Signals.sine(MONO_22K, 300, 0.5, 0.01);
        byte[] file = riff(fmt(1, 1, 22_050, 16), chunk("data", pcm), chunk("LIST", "trailing"));

        assertArrayEquals(pcm, Wav.parse(file).pcm());
    }

    @Test
    void trailing_partial_frame_of_a_cut_stream_is_dropped() {
        byte[] file = riff(fmt(1, 1, 22_050, 16), header("data", 0), new byte[] {1, 2, 3, 4, 5});

        assertThat(Wav.parse(file).pcm().length, is(4));
    }

    @Test
    void rejects_8_bit_float_and_garbage_with_clear_messages() {
        assertThat(assertThrows(InvalidAudioException.class,
                                () -> Wav.parse(riff(fmt(1, 1, 8000, 8), chunk("data", new byte[4])))).getMessage(),
                   containsString("only 16-bit"));
        assertThat(assertThrows(InvalidAudioException.class,
                                () -> Wav.parse(riff(fmt(3, 1, 8000, 32), chunk("data", new byte[4])))).getMessage(),
                   containsString("not PCM"));
        assertThat(assertThrows(InvalidAudioException.class,
                                () -> Wav.parse("hello, this is not audio".getBytes(StandardCharsets.UTF_8))).getMessage(),
                   containsString("not a WAV"));
        assertThat(assertThrows(InvalidAudioException.class, () -> Wav.parse(new byte[0])).getMessage(),
                   containsString("empty"));
        assertThrows(InvalidAudioException.class, () -> Wav.parse(riff(chunk("data", new byte[4]))));
        assertThrows(InvalidAudioException.class, () -> Wav.parse(riff(fmt(1, 1, 8000, 16))));
    }

    @Test
    void is_wav_looks_at_the_header_only() {
        assertTrue(Wav.isWav(Wav.encode(MONO_22K, new byte[0])));
        assertFalse(Wav.isWav(new byte[] {'R', 'I', 'F', 'F'}));
        assertFalse(Wav.isWav(Signals.sine(MONO_22K, 300, 0.5, 0.01)));
        assertFalse(Wav.isWav(null));
    }

    @Test
    void header_for_unknown_length_uses_all_ones() {
        byte[] header = Wav.header(MONO_22K, -1);

        assertThat(WavReader.u32(header, 40), is(0xFFFF_FFFFL));
    }

    @Test
    void parses_the_human_speech_recordings_shipped_with_alsa() throws IOException {
        Wav wav = Wav.parse(Files.readAllBytes(Path.of("/usr/share/sounds/alsa/Front_Center.wav")));

        assertThat(wav.format(), is(PcmFormat.mono(48_000)));
        assertThat(wav.duration().toMillis() / 1000.0, closeTo(1.43, 0.05));
    }

    @Test
    void streaming_reader_yields_pcm_before_the_stream_ends() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        InputStream pipe = new PipedInputStream(writer, 1 << 16);
        byte[] first = Signals.sine(MONO_22K, 300, 0.5, 0.02);
        writer.write(Wav.header(MONO_22K, -1));
        writer.write(first);
        writer.write(7);
        writer.flush();

        try (WavReader reader = WavReader.open(pipe)) {
            assertThat(reader.format(), is(MONO_22K));
            assertThat(reader.declaredDataBytes(), is(-1L));
            byte[] got = reader.read(1 << 16);
            assertArrayEquals(first, got);

            CompletableFuture<byte[]> next = CompletableFuture.supplyAsync(() -> readQuietly(reader));
            writer.write(9);
            writer.flush();
            assertArrayEquals(new byte[] {7, 9}, next.get(5, TimeUnit.SECONDS));
            writer.write(new byte[] {1, 2});
            writer.close();
            assertArrayEquals(new byte[] {1, 2}, reader.read(1 << 16));
            assertThat(reader.read(1 << 16), nullValue());
        }
    }

    @Test
    void streaming_reader_honours_the_block_limit() throws IOException {
        byte[] pcm = Signals.sine(MONO_22K, 300, 0.5, 0.1);
        try (WavReader reader = WavReader.open(new ByteArrayInputStream(Wav.encode(MONO_22K, pcm)))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] block = reader.read(101); block != null; block = reader.read(101)) {
                assertTrue(block.length <= 100 && block.length % 2 == 0, "block of " + block.length);
                all.writeBytes(block);
            }
            assertArrayEquals(pcm, all.toByteArray());
        }
    }

    private static byte[] readQuietly(WavReader reader) {
        try {
            return reader.read(1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4).putInt(body.size()).array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] fmt(int tag, int channels, int rate, int bits) {
        int block = channels * bits / 8;
        return chunk("fmt ", le(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * block).putShort((short) block).putShort((short) bits).array());
    }

    private static byte[] chunk(String id, String body) {
        return chunk(id, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(id, body.length));
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] header(String id, long size) {
        return le(8).put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) size).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
