package com.kidmodstudio.crafty.text;

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
 *
 * <p>A splitter for speaking may treat a reply's opening specially ({@code openingWords > 0}):
 * its first sentence is returned however short ("Hallo!", "Ja!"), and a long one is cut after its
 * first clause mark (comma, semicolon, colon, dash) once that many words precede it, so the first
 * words can be spoken before the first sentence is complete. A mark after a letter or a spaced
 * dash cuts at once; after a digit or a quote it cuts only before white space ("1,5" stays
 * whole). The sentences after the first follow the ordinary rules.
 */
public final class SentenceSplitter {
    /** Default: sentences with fewer letters and digits than this are merged with the next. */
    public static final int MIN_LETTERS = 8;
    /** Default: a sentence longer than this is cut at a comma or space. */
    public static final int MAX_CHARS = 160;

    private final int minLetters;
    private final int maxChars;
    private final int openingWords;
    private final StringBuilder text = new StringBuilder();
    private final SentenceEnds ends = new SentenceEnds(text);
    private int start;
    private int scan;
    private String carry;
    private boolean waiting;
    private boolean afterCut;
    /** Whether a sentence was returned since the last {@link #finish}. */
    private boolean opened;

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
        this(minLetters, maxChars, 0);
    }

    /**
     * A splitter with explicit limits and a rule for the reply's opening.
     *
     * @param minLetters   fewer letters and digits than this make a fragment that is merged, 0 to 40
     * @param maxChars     longest sentence before it is cut, 40 to 2000
     * @param openingWords 0 treats the first sentence like the others; 1 to 40 returns it however
     *                     short and cuts it at its first clause mark after this many words
     */
    public SentenceSplitter(int minLetters, int maxChars, int openingWords) {
        if (minLetters < 0 || minLetters > 40 || maxChars < 40 || maxChars > 2000 || openingWords < 0
                || openingWords > 40) {
            throw new IllegalArgumentException("minLetters 0..40, maxChars 40..2000 and openingWords 0..40 expected");
        }
        this.minLetters = minLetters;
        this.maxChars = maxChars;
        this.openingWords = openingWords;
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
            } else if (inOpening() && BoundaryRules.isClauseMark(c)) {
                int cut = clauseCut();
                if (cut == SentenceEnds.NEED_MORE) {
                    break;
                }
                if (cut != SentenceEnds.NO_BOUNDARY) {
                    emit(text.substring(start, cut), true, out);
                    start = cut;
                }
                scan++;
            } else if (BoundaryRules.isTerminal(c)) {
                int runEnd = ends.runEnd(scan);
                int end = runEnd < text.length() ? ends.boundaryAfter(start, scan, runEnd) : SentenceEnds.NEED_MORE;
                if (end == SentenceEnds.NEED_MORE) {
                    waiting = true;
                    break;
                }
                if (end != SentenceEnds.NO_BOUNDARY) {
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
        return likelihood() == SentenceEnds.Likelihood.NONE ? Optional.empty() : pendingSentence();
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
        if (likelihood() != SentenceEnds.Likelihood.LIKELY) {
            return Optional.empty();
        }
        Optional<String> sentence = pendingSentence();
        if (sentence.isPresent()) {
            opened = true;
            carry = null;
            text.setLength(0);
            start = 0;
            scan = 0;
            waiting = false;
            afterCut = true;
        }
        return sentence;
    }

    /** Whether the text being scanned belongs to the first sentence of a reply with an opening rule. */
    private boolean inOpening() {
        return openingWords > 0 && !opened && carry == null;
    }

    /**
     * Where the clause mark at {@code scan} cuts the opening sentence: just after it, when
     * enough words precede it and it is a clause's end (after a letter, a spaced dash, or any
     * mark before white space); {@link SentenceEnds#NEED_MORE} while the character after it
     * decides; else {@link SentenceEnds#NO_BOUNDARY}.
     */
    private int clauseCut() {
        if (ends.wordsBetween(start, scan) < openingWords) {
            return SentenceEnds.NO_BOUNDARY;
        }
        char before = text.charAt(scan - 1);
        char c = text.charAt(scan);
        boolean dash = c == '–' || c == '—' || c == '-';
        if (dash ? Character.isWhitespace(before) && c != '-' : Character.isLetter(before)) {
            return scan + 1;
        }
        if (dash && !Character.isWhitespace(before)) {
            return SentenceEnds.NO_BOUNDARY;
        }
        if (scan + 1 >= text.length()) {
            return SentenceEnds.NEED_MORE;
        }
        return Character.isWhitespace(text.charAt(scan + 1)) ? scan + 1 : SentenceEnds.NO_BOUNDARY;
    }

    private SentenceEnds.Likelihood likelihood() {
        return waiting ? ends.likelihood(start, scan) : SentenceEnds.Likelihood.NONE;
    }

    /** The text since the last sentence, with any held-back fragment, unless too short to stand alone. */
    private Optional<String> pendingSentence() {
        String sentence = text.substring(start).strip();
        if (carry != null) {
            sentence = carry + " " + sentence;
        }
        if (sentence.codePoints().filter(Character::isLetterOrDigit).count() < shortest()) {
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
            } else if (ends.halfCharAt(i)) {
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
        opened = false;
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
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
        if (!lineEnd && sentence.codePoints().filter(Character::isLetterOrDigit).count() < shortest()) {
            carry = sentence;
            return;
        }
        opened = true;
        out.add(sentence);
    }

    /** The fewest letters and digits a sentence needs to stand alone: any for a reply's first, with an opening rule. */
    private int shortest() {
        return openingWords > 0 && !opened ? 1 : minLetters;
    }
}
