package com.kidmodstudio.crafty.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a list: a sequence of folded word patterns, matched backwards from its last word
 * so a stream can be checked at each word it completes. Syntax, one pattern per line:
 * {@code word} (exactly), {@code word*} (starts with), {@code (a|b*|c)} (any of them),
 * {@code ~N} (zero to N words of anything). A phrase neither starts nor ends with a gap.
 *
 * @param category what it stands for
 * @param realOnly whether it is ignored in a message that is plainly about the game
 * @param source   the line as written, for tests and reports
 * @param elements the compiled words and gaps
 */
public record Phrase(Category category, boolean realOnly, String source, List<Element> elements) {

    /**
     * Compiles a pattern.
     *
     * @param category what it stands for
     * @param realOnly whether game context switches it off
     * @param source   the pattern
     * @return the phrase
     * @throws IllegalArgumentException when the pattern is malformed
     */
    public static Phrase compile(Category category, boolean realOnly, String source) {
        List<Element> elements = new ArrayList<>();
        for (String part : source.trim().split("\\s+")) {
            if (part.startsWith("~")) {
                elements.add(new Element(List.of(), List.of(), Integer.parseInt(part.substring(1))));
                continue;
            }
            String body = part.startsWith("(") && part.endsWith(")") ? part.substring(1, part.length() - 1) : part;
            List<String> exact = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            for (String alternative : body.split("\\|")) {
                if (alternative.endsWith("*")) {
                    prefixes.add(Words.fold(alternative.substring(0, alternative.length() - 1)));
                } else {
                    exact.add(Words.fold(alternative));
                }
            }
            elements.add(new Element(List.copyOf(exact), List.copyOf(prefixes), -1));
        }
        if (elements.isEmpty() || elements.getFirst().gap() >= 0 || elements.getLast().gap() >= 0) {
            throw new IllegalArgumentException("a phrase starts and ends with a word: " + source);
        }
        return new Phrase(category, realOnly, source, List.copyOf(elements));
    }

    /**
     * The last word's pattern, by which the phrase is indexed.
     *
     * @return the last element
     */
    Element last() {
        return elements.getLast();
    }

    /**
     * Whether the phrase ends at word {@code end}.
     *
     * @param words folded words
     * @param end   index of the last word to consider
     * @return whether it matches there
     */
    boolean endsAt(List<String> words, int end) {
        return back(words, elements.size() - 1, end);
    }

    private boolean back(List<String> words, int element, int word) {
        if (element < 0) {
            return true;
        }
        Element e = elements.get(element);
        if (e.gap() >= 0) {
            for (int skip = 0; skip <= e.gap() && word - skip >= -1; skip++) {
                if (back(words, element - 1, word - skip)) {
                    return true;
                }
            }
            return false;
        }
        return word >= 0 && e.matches(words.get(word)) && back(words, element - 1, word - 1);
    }

    /**
     * One word pattern or a gap.
     *
     * @param exact    folded words that match exactly
     * @param prefixes folded beginnings that match
     * @param gap      for a gap, the most words it skips; -1 for a word pattern
     */
    public record Element(List<String> exact, List<String> prefixes, int gap) {
        boolean matches(String word) {
            if (exact.contains(word)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (word.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
