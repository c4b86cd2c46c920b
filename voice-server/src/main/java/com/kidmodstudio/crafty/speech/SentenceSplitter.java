package com.kidmodstudio.crafty.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the streamed text of a reply into sentences for speech synthesis, so speaking can start
 * with the first sentence while the model is still writing. Pure and not thread-safe: one per
 * reply. Feeding a text in any chunking, one character at a time included, gives the same
 * sentences, because a boundary is only decided once the text after it that the rules need
 * (up to the next word) has arrived.
 *
 * <p>Rules, for German and English: {@code . ! ? …} end a sentence when followed by white
 * space, a run such as {@code ?!} or {@code ...} counts once; closing quotes and brackets and
 * emoji right after the punctuation stay with the sentence; a line break always ends one.
 * Not an end: a dot inside a token ({@code 1.5}, {@code z.B.}, {@code minecraft.net}),
 * abbreviations ({@code z. B.}, {@code usw.} before a lower-case word, {@code Dr.}, {@code Nr.},
 * {@code ca.}, {@code e.g.}, {@code etc.} mid-sentence), ordinals ({@code am 3. Mai}), list
 * numbers at the start of a sentence ({@code 1. Hol Holz}), and any dot or ellipsis followed
 * by a lower-case word; a number after a colon is a list number too ({@code so: 1. Holz}). A sentence with fewer than {@code minLetters} letters ("Ja!") is
 * merged with the next, except at a line break; one without punctuation is cut after
 * {@code maxChars} at its last comma or space so synthesis can start.
 *
 * <p>Because a boundary waits for the next word, a speaker that must not wait for the model's
 * next token has two more calls. {@link #endIfLikely()} ends the sentence at once when the text
 * so far very likely ends one (a {@code !} or {@code ?}, or a full stop after an ordinary word);
 * closing quotes, punctuation and emoji that arrive right after it are then left out of the next
 * sentence, and in the rare case the model goes on with the same sentence ("minecraft." +
 * "net") the rest becomes a sentence of its own. {@link #tentative()} only tells what the
 * sentence will be if the text so far ends with one, for work that is kept only when {@link #add}
 * confirms it. Neither changes what {@link #add} and {@link #finish} return when not used.
 */
public final class SentenceSplitter {
    /** Default: sentences with fewer letters and digits than this are merged with the next. */
    public static final int MIN_LETTERS = 8;
    /** Default: a sentence longer than this is cut at a comma or space. */
    public static final int MAX_CHARS = 160;

    private static final int NEED_MORE = -1;
    private static final int NO_BOUNDARY = 0;

    private final int minLetters;
    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private int start;
    private int scan;
    private String carry;
    private boolean waiting;
    private boolean afterCut;

    /** A splitter with the default limits. */
    public SentenceSplitter() {
        this(MIN_LETTERS, MAX_CHARS);
    }

    /**
     * A splitter with explicit limits.
     *
     * @param minLetters fewer letters and digits than this make a fragment that is merged, 0 to 40
     * @param maxChars   longest sentence before it is cut, 40 to 2000
     */
    public SentenceSplitter(int minLetters, int maxChars) {
        if (minLetters < 0 || minLetters > 40 || maxChars < 40 || maxChars > 2000) {
            throw new IllegalArgumentException("minLetters 0..40 and maxChars 40..2000 expected");
        }
        this.minLetters = minLetters;
        this.maxChars = maxChars;
    }

    /**
     * Adds the next piece of the reply.
     *
     * @param chunk any text, possibly empty or a single character
     * @return the sentences it completes, trimmed, in order; often none
     */
    public List<String> add(String chunk) {
        text.append(chunk);
        List<String> out = new ArrayList<>();
        waiting = false;
        if (afterCut) {
            skipDecoration();
        }
        while (scan < text.length()) {
            char c = text.charAt(scan);
            if (scan == start && Character.isWhitespace(c) && c != '\n') {
                start = ++scan;
            } else if (scan - start >= maxChars) {
                int cut = cutPoint();
                emit(text.substring(start, cut), false, out);
                start = cut;
            } else if (c == '\n') {
                emit(text.substring(start, scan), true, out);
                start = ++scan;
            } else if (BoundaryRules.isTerminal(c)) {
                int runEnd = runEnd(scan);
                int end = runEnd < text.length() ? boundaryAfter(scan, runEnd) : NEED_MORE;
                if (end == NEED_MORE) {
                    waiting = true;
                    break;
                }
                if (end != NO_BOUNDARY) {
                    emit(text.substring(start, end), false, out);
                    start = end;
                    scan = end;
                } else {
                    scan = runEnd;
                }
            } else {
                scan++;
            }
        }
        text.delete(0, start);
        scan -= start;
        start = 0;
        return out;
    }

    /**
     * The sentence the text so far probably ends with, while the text that decides has not
     * arrived: the punctuation at its end is a question or exclamation mark, an ellipsis, or a
     * full stop after a word that is neither an abbreviation nor a number, and only closing
     * quotes, emoji and spaces follow it. When the next text confirms the boundary, {@link #add}
     * returns this sentence, plus any closers and emoji that still come; when it does not (a
     * lower-case word follows, say), the guess was wrong.
     *
     * @return the sentence as {@link #add} would return it, or empty when the text does not
     *         end at a probable boundary or the sentence would be merged with the next as too short
     */
    public Optional<String> tentative() {
        return likelihood() == Likelihood.NONE ? Optional.empty() : pendingSentence();
    }

    /**
     * Ends the sentence here when the text so far very likely ends one: a {@code !} or {@code ?},
     * or a full stop after an ordinary word (letters, not an abbreviation, not "usw." or "etc.",
     * which often go on), with no closing quote after it yet. Ellipses and quoted ends stay
     * {@link #tentative()} only. Closing quotes, punctuation and emoji that arrive right after a
     * cut belong to the sentence already returned and are left out of the next one.
     *
     * @return the sentence, trimmed, now complete; empty when the end is not that likely, or the
     *         sentence is too short to stand alone
     */
    public Optional<String> endIfLikely() {
        if (likelihood() != Likelihood.LIKELY) {
            return Optional.empty();
        }
        Optional<String> sentence = pendingSentence();
        if (sentence.isPresent()) {
            carry = null;
            text.setLength(0);
            start = 0;
            scan = 0;
            waiting = false;
            afterCut = true;
        }
        return sentence;
    }

    private enum Likelihood { NONE, POSSIBLE, LIKELY }

    /** How likely the punctuation run waiting at {@link #scan} ends the sentence. */
    private Likelihood likelihood() {
        if (!waiting || halfCharAt(text.length() - 1)) {
            return Likelihood.NONE;
        }
        int runEnd = runEnd(scan);
        boolean closed = false;
        for (int i = runEnd; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(text.codePointAt(i)) || BoundaryRules.isTerminal(c)) {
                return Likelihood.NONE;
            }
            closed |= BoundaryRules.isCloser(c);
        }
        String run = text.substring(scan, runEnd);
        if (run.equals(".")) {
            String word = wordBefore(scan);
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

    /** The text since the last sentence, with any held-back fragment, unless too short to stand alone. */
    private Optional<String> pendingSentence() {
        String sentence = text.substring(start).strip();
        if (carry != null) {
            sentence = carry + " " + sentence;
        }
        if (sentence.codePoints().filter(Character::isLetterOrDigit).count() < minLetters) {
            return Optional.empty();
        }
        return Optional.of(sentence);
    }

    /**
     * After a cut: drops what still decorates the end of the sentence already returned — more
     * punctuation and closing quotes right after it, then spaces and emoji — until the next
     * sentence's first character (or a line break) arrives.
     */
    private void skipDecoration() {
        boolean spaced = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!spaced && (BoundaryRules.isTerminal(c) || BoundaryRules.isCloser(c)) || c == ' ' || c == '\t') {
                spaced |= c == ' ' || c == '\t';
                i++;
            } else if (halfCharAt(i)) {
                break;
            } else if (SpeakableText.isEmojiPart(text.codePointAt(i))) {
                spaced = true;
                i += Character.charCount(text.codePointAt(i));
            } else {
                afterCut = false;
                break;
            }
        }
        text.delete(0, i);
    }

    /**
     * Ends the reply and returns what has not been returned yet.
     *
     * @return the rest, trimmed, with any held-back short fragment; empty when nothing is left
     */
    public Optional<String> finish() {
        String rest = text.toString().strip();
        if (carry != null) {
            rest = rest.isEmpty() ? carry : carry + " " + rest;
        }
        text.setLength(0);
        start = 0;
        scan = 0;
        carry = null;
        waiting = false;
        afterCut = false;
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /**
     * Decides whether the punctuation run {@code [at, runEnd)} ends a sentence.
     *
     * @return the end of the sentence (after closers and emoji), {@link #NO_BOUNDARY}, or
     *         {@link #NEED_MORE} when the text that decides has not arrived yet
     */
    private int boundaryAfter(int at, int runEnd) {
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
            return dotEnds(at, next) ? end : dotNeedsMore(at, next) ? NEED_MORE : NO_BOUNDARY;
        }
        return end;
    }

    /**
     * Whether a single dot before an upper-case word ends the sentence: not after an
     * abbreviation, a list number at the start of a sentence, an ordinal ("am 3.") or a number
     * before a month ("3. Mai").
     */
    private boolean dotEnds(int dot, int next) {
        String word = wordBefore(dot);
        if (BoundaryRules.isAbbreviation(word)) {
            return false;
        }
        if (word.isEmpty() || !word.chars().allMatch(Character::isDigit)) {
            return true;
        }
        int wordStart = dot - word.length();
        if (isListOrOrdinal(wordStart)) {
            return false;
        }
        int wordEnd = nextWordEnd(next);
        return wordEnd < text.length() && !BoundaryRules.isMonth(text.substring(next, wordEnd));
    }

    /** Whether the decision about "N." waits for the rest of the next word (a month name or not). */
    private boolean dotNeedsMore(int dot, int next) {
        String word = wordBefore(dot);
        int wordStart = dot - word.length();
        return !word.isEmpty() && word.chars().allMatch(Character::isDigit) && !isListOrOrdinal(wordStart)
                && nextWordEnd(next) >= text.length();
    }

    /** A number that starts a sentence or follows a colon is a list number; after "am", "der" an ordinal. */
    private boolean isListOrOrdinal(int numberStart) {
        int before = lastNonSpace(numberStart);
        return numberStart == start || before >= start && text.charAt(before) == ':'
                || BoundaryRules.isOrdinalContext(wordBefore(before + 1));
    }

    private int nextWordEnd(int from) {
        int i = from;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether position {@code i} holds the first half of a surrogate pair whose second half is still to come. */
    private boolean halfCharAt(int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 >= text.length();
    }

    private int runEnd(int at) {
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

    private String wordBefore(int end) {
        int i = end;
        while (i > start && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
            i--;
        }
        while (i < end && text.charAt(i) == '.') {
            i++;
        }
        return text.substring(i, end);
    }

    private int lastNonSpace(int before) {
        int i = before - 1;
        while (i >= start && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i;
    }

    /** Where to cut an over-long sentence: after its last comma-like mark, else at its last space. */
    private int cutPoint() {
        int floor = start + maxChars / 3;
        for (int i = scan - 1; i > floor; i--) {
            char c = text.charAt(i);
            if ((c == ',' || c == ';' || c == ':' || c == '–' || c == '—') && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        for (int i = scan - 1; i > floor; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return scan;
    }

    private void emit(String raw, boolean lineEnd, List<String> out) {
        String sentence = raw.strip();
        if (sentence.isEmpty()) {
            if (lineEnd && carry != null) {
                out.add(carry);
                carry = null;
            }
            return;
        }
        if (carry != null) {
            sentence = carry + " " + sentence;
            carry = null;
        }
        if (!lineEnd && sentence.codePoints().filter(Character::isLetterOrDigit).count() < minLetters) {
            carry = sentence;
            return;
        }
        out.add(sentence);
    }
}
