package com.kidmodstudio.crafty.text;

import java.util.Locale;
import java.util.Set;

/**
 * The language knowledge of {@link SentenceSplitter} for German and English: abbreviations that
 * never end a sentence, words after which a number with a dot is an ordinal ("am 3. Mai"),
 * month names, and which characters close a quotation or bracket.
 */
final class BoundaryRules {
    /** Abbreviations that are always followed by more of the same sentence (titles, "ca.", "bzw."). */
    private static final Set<String> NEVER_FINAL = Set.of(
            "dr", "prof", "mr", "mrs", "ms", "hr", "hrn", "fr", "frl", "st", "nr", "ca", "bzw", "vs", "vgl",
            "ggf", "evtl", "inkl", "exkl", "zzgl", "bspw", "sog", "jh", "mio", "mrd", "tel", "abb", "kap", "bd",
            "approx", "cf", "fig", "no");
    /** Words after which "N." is an ordinal, not the end of a sentence. */
    private static final Set<String> ORDINAL_CONTEXT = Set.of(
            "am", "im", "zum", "zur", "vom", "beim", "ins", "ans", "bis", "ab", "seit", "dem", "den", "der", "die",
            "das", "des", "ein", "eine", "einer", "einem", "jeden", "jedem", "jeder", "mein", "meinem", "dein",
            "deinem", "sein", "seinem", "ihr", "ihrem", "unser", "unserem", "euer", "eurem", "diesem", "dieser",
            "zu", "vor", "nach", "an", "auf", "in", "the", "on", "of");
    private static final Set<String> MONTHS = Set.of(
            "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov",
            "dez");
    /** Abbreviations that end a sentence as often as they go on with it ("Holz, Stein usw. brauchst du"). */
    private static final Set<String> OFTEN_GO_ON = Set.of("usw", "etc", "uvm", "ff", "inc", "ltd", "co", "jr", "sr");
    private static final String CLOSERS = "\"'»«“”‘’›‹)]}";

    private BoundaryRules() {
    }

    /**
     * Whether the word before a dot marks an abbreviation that never ends a sentence: a title
     * or filler from the list, a single letter ("z. B.", "d. h."), or a word with inner dots
     * ("z.B.", "e.g.", "i.e.").
     *
     * @param word letters, digits and dots before the final dot, e.g. {@code "z.B"}
     * @return true when no sentence ends here
     */
    static boolean isAbbreviation(String word) {
        if (word.isEmpty()) {
            return false;
        }
        if (word.codePointCount(0, word.length()) == 1 && Character.isLetter(word.codePointAt(0))) {
            return true;
        }
        if (word.indexOf('.') > 0 && word.chars().anyMatch(Character::isLetter)) {
            return true;
        }
        return NEVER_FINAL.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a word before a full stop is an abbreviation that often goes on with the same
     * sentence, so the full stop is not a likely end ("usw.", "etc.").
     *
     * @param word the word, any case
     * @return true for such abbreviations
     */
    static boolean oftenGoesOn(String word) {
        return OFTEN_GO_ON.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a number with a dot after this word is an ordinal ("am 3.", "der 2.").
     *
     * @param previousWord the word before the number, any case
     * @return true for an ordinal context
     */
    static boolean isOrdinalContext(String previousWord) {
        return ORDINAL_CONTEXT.contains(previousWord.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a word is a German month name or its abbreviation.
     *
     * @param word any case
     * @return true for "Mai", "Dezember", "Okt", ...
     */
    static boolean isMonth(String word) {
        return MONTHS.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a character ends a sentence: dot, exclamation and question mark, ellipsis.
     *
     * @param c a character
     * @return true for {@code . ! ? …}
     */
    static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    /**
     * Whether a character may end a clause inside a sentence: comma, semicolon, colon, dash.
     *
     * @param c a character
     * @return true for {@code , ; : – — -}
     */
    static boolean isClauseMark(char c) {
        return c == ',' || c == ';' || c == ':' || c == '–' || c == '—' || c == '-';
    }

    /**
     * Whether a character closes a quotation or bracket right after a sentence's punctuation
     * (»…«, „…“, "…", (…)); it then belongs to that sentence.
     *
     * @param c a character
     * @return true for closing quotes and brackets
     */
    static boolean isCloser(char c) {
        return CLOSERS.indexOf(c) >= 0;
    }
}
