package com.kidmodstudio.crafty.speech;

/** Measurements on 16-bit mono PCM for the engine tests. */
final class Signals {
    private Signals() {
    }

    /** RMS of the whole clip relative to full scale. */
    static double rms(byte[] pcm) {
        double sum = 0;
        int n = pcm.length / 2;
        for (int i = 0; i < n; i++) {
            double s = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
            sum += s * s;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n) / 32767.0;
    }
}
