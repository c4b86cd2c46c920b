package com.kidmodstudio.crafty.audio;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResamplerTest {

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 22050, 44100, 48000, 47999})
    void sine_keeps_frequency_amplitude_and_duration(int rate) {
        byte[] in = Signals.sine(PcmFormat.mono(rate), 440, 0.5, 1.0);

        byte[] out = Resampler.toMono16k(in, PcmFormat.mono(rate));

        assertThat("one second of output", out.length / 2.0, closeTo(16_000, 1));
        assertThat(Signals.middleFrequency(out, 16_000), closeTo(440, 2));
        assertThat(Signals.middleRms(out) * Math.sqrt(2), closeTo(0.5, 0.01));
    }

    @Test
    void high_speech_frequencies_below_the_new_nyquist_pass() {
        byte[] in = Signals.sine(PcmFormat.mono(48_000), 3000, 0.5, 0.5);

        byte[] out = Resampler.toMono16k(in, PcmFormat.mono(48_000));

        assertThat(Signals.middleFrequency(out, 16_000), closeTo(3000, 10));
        assertThat(Signals.middleRms(out) * Math.sqrt(2), closeTo(0.5, 0.02));
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 12_000, 20_000})
    void tone_above_the_target_nyquist_is_removed_not_folded_back(int hz) {
        byte[] in = Signals.sine(PcmFormat.mono(48_000), hz, 0.9, 0.5);

        byte[] out = Resampler.toMono16k(in, PcmFormat.mono(48_000));

        double db = 20 * Math.log10(Signals.middleRms(out) / (0.9 / Math.sqrt(2)));
        assertThat("attenuation in dB of " + hz + " Hz", db, lessThan(-60.0));
    }

    @Test
    void tone_above_nyquist_is_removed_from_44100_too() {
        byte[] in = Signals.sine(PcmFormat.mono(44_100), 9000, 0.9, 0.5);

        byte[] out = Resampler.toMono16k(in, PcmFormat.mono(44_100));

        assertThat(20 * Math.log10(Signals.middleRms(out) / (0.9 / Math.sqrt(2))), lessThan(-60.0));
    }

    @Test
    void stereo_is_averaged_to_mono() {
        PcmFormat stereo = new PcmFormat(44_100, 2, 16);
        byte[] same = Signals.sine(stereo, 500, 0.4, 0.5);
        byte[] opposite = Signals.sine(stereo, 500, 0.4, 0.5, true);

        assertThat(Signals.middleRms(Resampler.toMono16k(same, stereo)) * Math.sqrt(2), closeTo(0.4, 0.01));
        assertThat(Signals.middleRms(Resampler.toMono16k(opposite, stereo)), lessThan(0.001));
    }

    @Test
    void same_rate_mono_passes_through_unchanged() {
        byte[] in = Signals.sine(PcmFormat.MONO_16K, 1000, 0.3, 0.2);

        assertArrayEquals(in, Resampler.toMono16k(in, PcmFormat.MONO_16K));
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 22050, 48000})
    void streaming_in_random_blocks_equals_one_shot(int rate) {
        PcmFormat format = new PcmFormat(rate, 2, 16);
        byte[] in = Signals.sine(format, 700, 0.5, 0.7);
        Random random = new Random(rate);
        Resampler resampler = Resampler.toMono16k(format);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < in.length; ) {
            int n = Math.min(in.length - at, random.nextInt(200) * format.frameBytes());
            out.writeBytes(resampler.process(Arrays.copyOfRange(in, at, at + n)));
            at += n;
        }
        out.writeBytes(resampler.flush());

        assertArrayEquals(Resampler.toMono16k(in, format), out.toByteArray());
    }

    @Test
    void odd_byte_count_is_rejected_with_a_clear_message() {
        Resampler resampler = Resampler.toMono16k(PcmFormat.mono(48_000));

        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> resampler.process(new byte[7]));
        assertThat(e.getMessage(), containsString("7 bytes are not whole"));
    }

    @Test
    void half_a_stereo_frame_is_rejected() {
        Resampler resampler = Resampler.toMono16k(new PcmFormat(48_000, 2, 16));

        assertThrows(InvalidAudioException.class, () -> resampler.process(new byte[6]));
    }

    @Test
    void output_format_is_16k_mono() {
        assertThat(Resampler.toMono16k(new PcmFormat(44_100, 2, 16)).output(), is(PcmFormat.MONO_16K));
    }

    @Test
    void empty_input_gives_empty_output() {
        assertThat(Resampler.toMono16k(new byte[0], PcmFormat.mono(48_000)).length, is(0));
    }
}
