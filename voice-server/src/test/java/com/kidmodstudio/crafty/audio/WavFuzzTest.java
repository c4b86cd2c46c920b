package com.kidmodstudio.crafty.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.voice.AudioIntake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every header field of a WAV file set to odd values, every cut, and random damage: parsing
 * either gives a clip or throws {@link InvalidAudioException}, never anything else (which a route
 * would turn into a closed socket instead of {@code bad_audio}).
 */
class WavFuzzTest {
    /** 32-bit values tried in every size, rate and length field. */
    private static final long[] WORDS = {0, 1, 2, 3, 7, 8, 15, 16, 17, 18, 40, 999, 1000, 8000, 0xFFFF, 0x10000,
        0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};
    /** 16-bit values tried in every tag, channel and width field. */
    private static final int[] SHORTS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 32, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};

    @Test
    void the_truncated_list_chunk_from_the_issue_is_invalid_audio() {
        byte[] frame = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF")).putInt(0xFFFF).put(ascii("WAVE")).put(ascii("LIST")).putInt(1000).array();

        assertThat(assertThrows(InvalidAudioException.class, () -> Wav.parse(frame)).getMessage(),
                   containsString("ends inside"));
    }

    @Test
    void every_32_bit_header_field_set_to_odd_values_is_a_clip_or_invalid_audio() {
        byte[] file = sample();
        for (int at : new int[] {4, 16, 24, 28, 40, 48}) {
            for (long value : WORDS) {
                byte[] copy = file.clone();
                ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
                parsesOrRejects(copy, "u32 at " + at + " = " + value);
            }
        }
    }

    @Test
    void every_16_bit_format_field_set_to_odd_values_is_a_clip_or_invalid_audio() {
        byte[] file = sample();
        for (int at : new int[] {20, 22, 32, 34}) {
            for (int value : SHORTS) {
                byte[] copy = file.clone();
                ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
                parsesOrRejects(copy, "u16 at " + at + " = " + value);
            }
        }
    }

    @Test
    void every_cut_of_the_file_is_a_clip_or_invalid_audio() {
        byte[] file = sample();
        for (int length = 0; length <= file.length; length++) {
            parsesOrRejects(Arrays.copyOf(file, length), "cut at " + length);
        }
    }

    @Test
    void chunk_shapes_that_writers_get_wrong_are_a_clip_or_invalid_audio() {
        byte[] fmt = fmt(1, 1, 16_000, 16);
        byte[] pcm = new byte[64];
        parsesOrRejects(riff(fmt), "data chunk missing");
        parsesOrRejects(riff(fmt, header("LIST", 3), ascii("abc"), header("data", 64), pcm), "odd chunk without its pad byte");
        parsesOrRejects(riff(fmt, header("LIST", 0xFFFF_FFFEL)), "chunk longer than everything");
        parsesOrRejects(riff(header("fmt ", 14), Arrays.copyOf(fmt, 14)), "short fmt chunk");
        parsesOrRejects(riff(header("fmt ", 40), Arrays.copyOfRange(fmt, 8, 24), new byte[24], header("data", 4),
                             new byte[4]), "extensible fmt without a sub-format");
        parsesOrRejects(riff(fmt, fmt, header("data", 64), pcm), "two fmt chunks");
        parsesOrRejects(riff(header("data", 64), pcm, fmt), "data before fmt");
        parsesOrRejects(riff(fmt, header("data", 65), pcm, new byte[1]), "odd data size");
        parsesOrRejects(riff(fmt(1, 8, 1000, 16), header("data", 16), new byte[16]), "one frame of 8 channels at 1 kHz");
        parsesOrRejects(riff(fmt(1, 2, 384_000, 16), header("data", 4), new byte[4]), "one frame at 384 kHz");
    }

    @Test
    void random_damage_to_the_header_is_a_clip_or_invalid_audio() {
        byte[] file = sample();
        SplittableRandom random = new SplittableRandom(15);
        for (int round = 0; round < 20_000; round++) {
            byte[] copy = Arrays.copyOf(file, 1 + random.nextInt(file.length));
            for (int hits = 1 + random.nextInt(4); hits > 0; hits--) {
                int at = random.nextInt(Math.min(copy.length, 64));
                copy[at] = (byte) random.nextInt(256);
            }
            parsesOrRejects(copy, "round " + round);
        }
    }

    private static void parsesOrRejects(byte[] file, String what) {
        try {
            Wav.parse(file);
        } catch (InvalidAudioException expected) {
            // a typed rejection is what the routes answer with bad_audio
        } catch (RuntimeException e) {
            fail(what + ": Wav.parse threw " + e, e);
        }
        try {
            new AudioIntake(Duration.ofSeconds(60)).add(file);
        } catch (InvalidAudioException | AudioIntake.AudioTooLongException expected) {
            // typed: bad_audio or too_large
        } catch (RuntimeException e) {
            fail(what + ": AudioIntake.add threw " + e, e);
        }
    }

    /** fmt at 12, LIST (odd, padded) at 36, data at 50: a file with every kind of chunk. */
    private static byte[] sample() {
        return riff(fmt(1, 2, 22_050, 16), header("LIST", 5), ascii("INFOx"), new byte[1], header("data", 16),
                    new byte[16]);
    }

    private static byte[] riff(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        ByteBuffer out = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        return out.put(ascii("RIFF")).putInt(4 + body.size()).put(ascii("WAVE")).put(body.toByteArray()).array();
    }

    private static byte[] fmt(int tag, int channels, int rate, int bits) {
        int block = channels * bits / 8;
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).put(ascii("fmt ")).putInt(16)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * block)
                .putShort((short) block).putShort((short) bits).array();
    }

    private static byte[] header(String id, long size) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(ascii(id)).putInt((int) size).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
