package com.kidmodstudio.crafty.engine;

import java.time.Duration;

/**
 * How the engines' error messages show a time limit and what an engine sent back: short enough
 * for a log line or a parent's diagnostics, exact enough to recognise.
 */
public final class Brief {
    private Brief() {
    }

    /**
     * A duration in whole seconds when it is one, else in milliseconds.
     *
     * @param duration e.g. 300 ms or 2 s
     * @return {@code "300 ms"}, {@code "2 s"}
     */
    public static String duration(Duration duration) {
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /**
     * The first characters of a text, with an ellipsis when it was longer.
     *
     * @param text the text
     * @param max  how many characters to keep
     * @return the text, or its first {@code max} characters and "…"
     */
    public static String text(CharSequence text, int max) {
        return text.length() <= max ? text.toString() : text.subSequence(0, max) + "…";
    }
}
