package com.kidmodstudio.crafty.text;

/**
 * Where sentences end in the text {@link SentenceSplitter} is collecting: whether a run of
 * sentence punctuation ends the sentence (looking at the closers, emoji and word after it, and at
 * the word before a full stop: abbreviation, list number, ordinal, number before a month), and,
 * before the deciding text has arrived, how likely it is to. Reads the splitter's buffer, which
 * the splitter alone changes; the language knowledge is in {@link BoundaryRules}.
 */
final class SentenceEnds {
    /** The text that decides has not arrived yet. */
    static final int NEED_MORE = -1;
    /** The punctuation does not end the sentence. */
    static final int NO_BOUNDARY = 0;

    private final StringBuilder text;

    /**
     * Reads a splitter's buffer.
     *
     * @param text the buffer
     */
    SentenceEnds(StringBuilder text) {
        this.text = text;
    }

    /** How likely a sentence ended, judged before the text that decides has arrived. */
    enum Likelihood {
        /** Not an end, or nothing to judge. */
        NONE,
        /** Perhaps: an ellipsis, a closing quote, "usw.": worth preparing, not committing to. */
        POSSIBLE,
        /** Almost certainly: {@code !}, {@code ?}, a full stop after an ordinary word. */
        LIKELY
    }

    /**
     * How likely the punctuation run at {@code at}, at the end of the text but for closers,
     * emoji and spaces, ends the sentence once the text that decides arrives.
     *
     * @param start where the sentence begins
     * @param at    the run's first character
     * @return none (an abbreviation, a number, more text), possible or likely
     */
    Likelihood likelihood(int start, int at) {
        if (halfCharAt(text.length() - 1)) {
            return Likelihood.NONE;
        }
        int runEnd = runEnd(at);
        boolean closed = false;
        for (int i = runEnd; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(text.codePointAt(i)) || BoundaryRules.isTerminal(c)) {
                return Likelihood.NONE;
            }
            closed |= BoundaryRules.isCloser(c);
        }
        String run = text.substring(at, runEnd);
        if (run.equals(".")) {
            String word = wordBefore(start, at);
            if (BoundaryRules.isAbbreviation(word) || !word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
                return Likelihood.NONE;
            }
            boolean ordinary = word.length() >= 2 && word.chars().allMatch(Character::isLetter)
                    && !BoundaryRules.oftenGoesOn(word);
            return ordinary && !closed ? Likelihood.LIKELY : Likelihood.POSSIBLE;
        }
        boolean asks = run.contains("!") || run.contains("?");
        return asks && !closed ? Likelihood.LIKELY : Likelihood.POSSIBLE;
    }

    /**
     * Decides whether the punctuation run {@code [at, runEnd)} ends a sentence.
     *
     * @param start  where the sentence begins
     * @param at     the run's first character
     * @param runEnd just after the run's last character
     * @return the end of the sentence (after closers and emoji), {@link #NO_BOUNDARY}, or
     *         {@link #NEED_MORE} when the text that decides has not arrived yet
     */
    int boundaryAfter(int start, int at, int runEnd) {
        int k = runEnd;
        while (k < text.length() && BoundaryRules.isCloser(text.charAt(k))) {
            k++;
        }
        boolean closed = k > runEnd;
        int end = emojiEnd(k);
        if (end == NEED_MORE) {
            return NEED_MORE;
        }
        if (end == k && k < text.length() && !Character.isWhitespace(text.charAt(k))) {
            return NO_BOUNDARY;
        }
        int next = end;
        boolean lineBreak = false;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            lineBreak |= text.charAt(next) == '\n';
            next++;
        }
        if (lineBreak) {
            return end;
        }
        if (next >= text.length() || halfCharAt(next)) {
            return NEED_MORE;
        }
        boolean lower = Character.isLowerCase(text.codePointAt(next));
        String run = text.substring(at, runEnd);
        if (run.contains("!") || run.contains("?")) {
            return closed && lower ? NO_BOUNDARY : end;
        }
        if (lower) {
            return NO_BOUNDARY;
        }
        if (run.equals(".") && !closed) {
            return dotEnds(start, at, next) ? end : dotNeedsMore(start, at, next) ? NEED_MORE : NO_BOUNDARY;
        }
        return end;
    }

    /**
     * Whether a single dot before an upper-case word ends the sentence: not after an
     * abbreviation, a list number at the start of a sentence, an ordinal ("am 3.") or a number
     * before a month ("3. Mai").
     */
    private boolean dotEnds(int start, int dot, int next) {
        String word = wordBefore(start, dot);
        if (BoundaryRules.isAbbreviation(word)) {
            return false;
        }
        if (word.isEmpty() || !word.chars().allMatch(Character::isDigit)) {
            return true;
        }
        int wordStart = dot - word.length();
        if (isListOrOrdinal(start, wordStart)) {
            return false;
        }
        int wordEnd = nextWordEnd(next);
        return wordEnd < text.length() && !BoundaryRules.isMonth(text.substring(next, wordEnd));
    }

    /** Whether the decision about "N." waits for the rest of the next word (a month name or not). */
    private boolean dotNeedsMore(int start, int dot, int next) {
        String word = wordBefore(start, dot);
        int wordStart = dot - word.length();
        return !word.isEmpty() && word.chars().allMatch(Character::isDigit) && !isListOrOrdinal(start, wordStart)
                && nextWordEnd(next) >= text.length();
    }

    /** A number that starts a sentence or follows a colon is a list number; after "am", "der" an ordinal. */
    private boolean isListOrOrdinal(int start, int numberStart) {
        int before = lastNonSpace(start, numberStart);
        return numberStart == start || before >= start && text.charAt(before) == ':'
                || BoundaryRules.isOrdinalContext(wordBefore(start, before + 1));
    }

    private int nextWordEnd(int from) {
        int i = from;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * How many words the text between two positions holds: runs of letters or digits separated
     * by white space.
     *
     * @param from the first position
     * @param to   just after the last
     * @return the number of words
     */
    int wordsBetween(int from, int to) {
        int words = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord && Character.isLetterOrDigit(text.charAt(i))) {
                words++;
            }
            inWord = !space && (inWord || Character.isLetterOrDigit(text.charAt(i)));
        }
        return words;
    }

    /** Whether position {@code i} holds the first half of a surrogate pair whose second half is still to come. */
    boolean halfCharAt(int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 >= text.length();
    }

    /** The end of the run of sentence punctuation that starts at {@code at}. */
    int runEnd(int at) {
        int j = at;
        while (j < text.length() && BoundaryRules.isTerminal(text.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The end of emoji that follow (with spaces between) position {@code k}, or k when none. */
    private int emojiEnd(int k) {
        int end = k;
        while (true) {
            int m = end;
            while (m < text.length() && (text.charAt(m) == ' ' || text.charAt(m) == '\t')) {
                m++;
            }
            if (m >= text.length() || halfCharAt(m)) {
                return NEED_MORE;
            }
            if (!SpeakableText.isEmojiPart(text.codePointAt(m))) {
                return end;
            }
            while (m < text.length() && !halfCharAt(m) && SpeakableText.isEmojiPart(text.codePointAt(m))) {
                m += Character.charCount(text.codePointAt(m));
            }
            if (m < text.length() && halfCharAt(m)) {
                return NEED_MORE;
            }
            end = m;
        }
    }

    private String wordBefore(int start, int end) {
        int i = end;
        while (i > start && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
            i--;
        }
        while (i < end && text.charAt(i) == '.') {
            i++;
        }
        return text.substring(i, end);
    }

    private int lastNonSpace(int start, int before) {
        int i = before - 1;
        while (i >= start && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i;
    }
}
