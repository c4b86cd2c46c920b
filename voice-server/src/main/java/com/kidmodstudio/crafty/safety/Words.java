package com.kidmodstudio.crafty.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds words into the one spelling the lists are written in, so that variants meet: lower
 * case; umlauts with or without their e ({@code töten}, {@code toeten} and {@code toten} all
 * become {@code toten}); {@code ß} as {@code s}; accents dropped; digits that stand for letters
 * inside a word ({@code s3lbstm0rd}); and letters (not digits) repeated for emphasis ({@code sooo},
 * {@code scheisse}) written once. The lists are folded the same way when they are read, so a
 * pattern and every variant of it compare equal. Allocation-light: one builder per word.
 */
public final class Words {
    private Words() {
    }

    /**
     * Whether a character belongs to a word: a letter or a digit.
     *
     * @param c the character
     * @return whether it is part of a word
     */
    public static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /**
     * Folds one word.
     *
     * @param text  the text holding the word
     * @param start its first character
     * @param end   one past its last character
     * @return the folded word
     */
    public static String fold(CharSequence text, int start, int end) {
        boolean letters = false;
        for (int i = start; i < end; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters = true;
                break;
            }
        }
        StringBuilder out = new StringBuilder(end - start + 2);
        for (int i = start; i < end; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            char f = letters ? leet(base(c)) : base(c);
            if (f == 'ß') {
                append(out, 's');
                continue;
            }
            if (f == 'e' && !out.isEmpty()) {
                char before = out.charAt(out.length() - 1);
                if (before == 'a' || before == 'o' || before == 'u') {
                    continue; // ae, oe, ue: an umlaut written without its dots
                }
            }
            append(out, f);
        }
        return out.toString();
    }

    /**
     * Folds a whole word.
     *
     * @param word the word
     * @return the folded word
     */
    public static String fold(String word) {
        return fold(word, 0, word.length());
    }

    /**
     * Splits a message into folded words. Runs of three or more single letters
     * ({@code s e l b s t}, {@code s.e.x}) are joined into one word.
     *
     * @param text the message
     * @return the folded words in order
     */
    public static List<String> tokens(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !wordChar(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && wordChar(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(fold(text, start, i));
            }
        }
        return joinSingles(words);
    }

    private static List<String> joinSingles(List<String> words) {
        List<String> joined = new ArrayList<>(words.size());
        int i = 0;
        while (i < words.size()) {
            int j = i;
            while (j < words.size() && words.get(j).length() == 1 && Character.isLetter(words.get(j).charAt(0))) {
                j++;
            }
            if (j - i >= 3) {
                StringBuilder word = new StringBuilder();
                for (int k = i; k < j; k++) {
                    word.append(words.get(k));
                }
                joined.add(fold(word.toString()));
                i = j;
            } else {
                joined.add(words.get(i));
                i++;
            }
        }
        return joined;
    }

    private static void append(StringBuilder out, char c) {
        if (out.isEmpty() || out.charAt(out.length() - 1) != c || !Character.isLetter(c)) {
            out.append(c);
        }
    }

    private static char base(char c) {
        return switch (c) {
            case 'ä', 'à', 'á', 'â', 'ã', 'å' -> 'a';
            case 'ö', 'ò', 'ó', 'ô', 'õ', 'ø' -> 'o';
            case 'ü', 'ù', 'ú', 'û' -> 'u';
            case 'é', 'è', 'ê', 'ë' -> 'e';
            case 'í', 'ì', 'î', 'ï' -> 'i';
            case 'ç' -> 'c';
            case 'ñ' -> 'n';
            default -> c;
        };
    }

    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }
}
