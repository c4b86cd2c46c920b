package com.kidmodstudio.crafty.audio;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PcmFramerTest {

    @Test
    void cuts_100_ms_frames_of_22050_hz_and_keeps_the_remainder() {
        PcmFramer framer = new PcmFramer(PcmFormat.mono(22_050), 100);
        byte[] pcm = Signals.sine(PcmFormat.mono(22_050), 300, 0.5, 0.35);

        List<byte[]> frames = framer.add(pcm);
        Optional<byte[]> rest = framer.flush();

        assertThat(framer.frameBytes(), is(4410));
        assertThat(frames, hasSize(3));
        assertThat(rest.orElseThrow().length, is(pcm.length - 3 * 4410));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        frames.forEach(joined::writeBytes);
        joined.writeBytes(rest.orElseThrow());
        assertArrayEquals(pcm, joined.toByteArray());
    }

    @Test
    void small_blocks_accumulate_into_whole_frames() {
        PcmFramer framer = new PcmFramer(PcmFormat.MONO_16K, 200);
        byte[] pcm = Signals.sine(PcmFormat.MONO_16K, 300, 0.5, 1.0);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int frames = 0;

        for (int at = 0; at < pcm.length; at += 1000) {
            List<byte[]> out = framer.add(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 1000)));
            assertThat(out.stream().map(f -> f.length).toList(), everyItem(is(6400)));
            out.forEach(joined::writeBytes);
            frames += out.size();
        }

        assertThat(frames, is(5));
        assertThat(framer.flush().isPresent(), is(false));
        assertArrayEquals(pcm, joined.toByteArray());
    }

    @Test
    void frames_of_a_stereo_stream_hold_whole_sample_frames() {
        PcmFramer framer = new PcmFramer(new PcmFormat(44_100, 2, 16), 150);

        assertThat(framer.frameBytes() % 4, is(0));
        assertThat(framer.frameBytes(), is(6615 * 4));
    }

    @Test
    void partial_sample_is_rejected() {
        PcmFramer framer = new PcmFramer(PcmFormat.MONO_16K, 100);

        assertThrows(InvalidAudioException.class, () -> framer.add(new byte[3]));
        assertThat(framer.add(new byte[0]), empty());
    }

    @Test
    void frame_duration_out_of_range_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new PcmFramer(PcmFormat.MONO_16K, 5));
    }
}
