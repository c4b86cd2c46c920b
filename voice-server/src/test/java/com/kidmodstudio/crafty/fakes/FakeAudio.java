package com.kidmodstudio.crafty.fakes;

/** Speech-like test audio: a tone whose length follows the text, with soft edges. */
public final class FakeAudio {
    /** Milliseconds of audio per character of text at length scale 1. */
    public static final int MS_PER_CHAR = 60;

    private FakeAudio() {
    }

    /**
     * Audio for a text: {@value #MS_PER_CHAR} ms per character times {@code lengthScale} of a
     * tone, then {@code silenceSeconds} of silence, as 16-bit mono PCM.
     *
     * @param text           what is "spoken"
     * @param sampleRate     output rate
     * @param hz             tone frequency
     * @param lengthScale    Piper's length scale
     * @param silenceSeconds trailing silence
     * @return little-endian PCM
     */
    public static byte[] speech(String text, int sampleRate, double hz, double lengthScale, double silenceSeconds) {
        int voiced = (int) Math.round(sampleRate * text.length() * MS_PER_CHAR / 1000.0 * lengthScale);
        int silent = (int) Math.round(sampleRate * silenceSeconds);
        byte[] pcm = new byte[2 * (voiced + silent)];
        int fade = Math.max(1, sampleRate / 100);
        for (int i = 0; i < voiced; i++) {
            double edge = Math.min(1.0, Math.min(i, voiced - 1 - i) / (double) fade);
            short s = (short) Math.round(0.3 * 32767 * edge * Math.sin(2 * Math.PI * hz * i / sampleRate));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
