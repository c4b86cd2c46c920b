package com.kidmodstudio.crafty.store;

/**
 * Session titles taken from the first question: its first line, whitespace collapsed, cut at
 * a word near {@value #MAX} characters.
 */
final class Titles {
    /** Longest title taken from a question, ellipsis included. */
    static final int MAX = 60;

    private Titles() {
    }

    /**
     * A title for a session from its first question.
     *
     * @param question the question
     * @return the title, never longer than {@link #MAX}
     */
    static String fromQuestion(String question) {
        String text = question.strip().replaceAll("\\s+", " ");
        if (text.length() <= MAX) {
            return text;
        }
        int cut = text.lastIndexOf(' ', MAX - 1);
        if (cut < MAX / 2) {
            cut = MAX - 1;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }
}
