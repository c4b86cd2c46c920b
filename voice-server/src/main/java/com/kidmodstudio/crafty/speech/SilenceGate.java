package com.kidmodstudio.crafty.speech;

/**
 * Whether an utterance holds any speech energy at all, checked before a recogniser sees it.
 * whisper (and whisper-jni 1.7.1 has no voice detection of its own) answers silence with made-up
 * sentences such as "Vielen Dank fürs Zuschauen"; audio without a single loud stretch is
 * therefore never sent to an engine. A 20 ms window counts as loud when its mean absolute
 * amplitude is above {@value #LEVEL} (of 32768, about -36 dBFS, the level the microphone intake
 * uses to notice speech), and an utterance needs {@value #MIN_WINDOWS} such windows (60 ms):
 * a click or a bump of the microphone is not speech.
 */
public final class SilenceGate {
    /** Mean absolute amplitude above which a 20 ms window is loud. */
    public static final int LEVEL = 500;
    /** How many loud windows make speech. */
    public static final int MIN_WINDOWS = 3;
    private static final int WINDOW_BYTES = 16_000 * 2 / 50;

    private SilenceGate() {
    }

    /**
     * Whether the utterance holds speech energy.
     *
     * @param pcm16kMono 16 kHz mono 16-bit little-endian PCM
     * @return true when at least {@value #MIN_WINDOWS} windows are loud
     */
    public static boolean heard(byte[] pcm16kMono) {
        int loud = 0;
        for (int window = 0; window + 1 < pcm16kMono.length; window += WINDOW_BYTES) {
            int end = Math.min(pcm16kMono.length, window + WINDOW_BYTES);
            long sum = 0;
            int samples = 0;
            for (int i = window; i + 1 < end; i += 2) {
                sum += Math.abs((short) ((pcm16kMono[i] & 0xff) | (pcm16kMono[i + 1] << 8)));
                samples++;
            }
            if (samples > 0 && sum / samples > LEVEL && ++loud >= MIN_WINDOWS) {
                return true;
            }
        }
        return false;
    }
}
