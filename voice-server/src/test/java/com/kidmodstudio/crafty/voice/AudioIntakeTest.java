package com.kidmodstudio.crafty.voice;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.testing.Speech;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioIntakeTest {

    @Test
    void pcm_at_16k_is_kept_as_is_and_a_sample_split_across_messages_adds_up() throws Exception {
        AudioIntake intake = new AudioIntake(Duration.ofSeconds(10));
        intake.add(new byte[] {1, 2, 3});
        intake.add(new byte[] {4, 5, 6, 7, 8, 9});
        assertThat(intake.snapshot(), is(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    @Test
    void a_whole_wav_file_is_recognised_and_converted_to_16k_mono() throws Exception {
        AudioIntake intake = new AudioIntake(Duration.ofSeconds(10));
        byte[] wav = Speech.wavFile(Speech.FRONT_CENTER);
        long total = intake.add(wav);
        Duration length = PcmFormat.MONO_16K.duration(total);
        assertThat(Math.abs(length.toMillis() - Wav.parse(wav).duration().toMillis()), lessThan(20L));
    }

    @Test
    void announced_48k_stereo_is_resampled() throws Exception {
        AudioIntake intake = new AudioIntake(Duration.ofSeconds(10));
        intake.start(48_000, 2);
        long total = intake.add(new byte[48_000 * 2 * 2]);
        assertThat(Math.abs(total - 32_000), lessThan(400L));
    }

    @Test
    void audio_over_the_limit_is_refused_and_the_buffer_dropped() throws Exception {
        AudioIntake intake = new AudioIntake(Duration.ofSeconds(1));
        intake.add(new byte[20_000]);
        assertThrows(AudioIntake.AudioTooLongException.class, () -> intake.add(new byte[20_000]));
        assertThat(intake.bytes(), is(0L));
        assertThrows(AudioIntake.AudioTooLongException.class, () -> intake.add(new byte[2]));
        intake.clear();
        assertThat(intake.add(new byte[2]), is(2L));
    }

    @Test
    void speech_is_noticed_after_silence() throws Exception {
        AudioIntake intake = new AudioIntake(Duration.ofSeconds(10));
        intake.add(new byte[16_000]);
        assertThat(intake.speech(), is(Duration.ZERO));
        byte[] pcm = Speech.pcm16k(Speech.FRONT_CENTER);
        intake.add(pcm);
        assertThat(intake.speech().toMillis(), greaterThan(500L));
        assertThat(intake.speech().toMillis(), lessThan(PcmFormat.MONO_16K.duration(pcm.length).toMillis() + 1));
    }

    @Test
    void a_broken_wav_is_invalid_audio() {
        AudioIntake intake = new AudioIntake(Duration.ofSeconds(10));
        byte[] broken = "RIFF\0\0\0\0WAVEfmt \u0010\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThrows(InvalidAudioException.class, () -> intake.add(broken));
    }
}
