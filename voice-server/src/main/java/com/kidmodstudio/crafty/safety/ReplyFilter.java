package com.kidmodstudio.crafty.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets a streamed reply out word by word, and only after each word, and each phrase ending at
 * it, has passed the reply list. What is held back is at most the word being written, and only
 * while a phrase of the list could end at a word that begins like it ({@link PhraseList#mayEndWith}):
 * "Super" leaves with its token, "Schei" waits until its word is complete. A word let out early
 * is still checked when it is complete, for the phrases after it. Text up to the end of the last
 * complete word (and the spaces and punctuation after it) goes out at once. A hit stops the
 * reply for good: nothing of the word that hit, or of anything after it, is released, and
 * {@link #beforeStop()} gives the reply up to the end of the last complete sentence before it,
 * for the final text and the store. A run of letters longer than any word
 * ({@value #LONGEST_WORD} characters) is checked and released as it grows instead of being held
 * to its end. One per reply, used by one thread.
 */
public final class ReplyFilter {
    private static final int WINDOW = 16;
    /**
     * Longest run of letters and digits held back as one word. No word of either language is
     * this long (German compounds stay well under it); a longer run — a hash, a model repeating
     * one letter — is checked and let out in pieces of at least this length, so the held-back
     * part stays bounded and a stream without spaces still flows.
     */
    static final int LONGEST_WORD = 64;

    private final PhraseList list;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder released = new StringBuilder();
    private final List<String> words = new ArrayList<>(WINDOW * 2);
    private final StringBuilder singles = new StringBuilder();
    private Phrase hit;
    /** How many characters at the start of {@code pending} (the word being written) are already out. */
    private int shown;

    ReplyFilter(PhraseList list) {
        this.list = list;
    }

    /**
     * Takes the next piece of the reply.
     *
     * @param delta the piece as the model wrote it
     * @return what may be shown and spoken now, possibly empty; empty for good once {@link #stopped()}
     */
    public String add(String delta) {
        if (hit != null) {
            return "";
        }
        pending.append(delta);
        return release(false);
    }

    /**
     * The reply is complete: checks the last word.
     *
     * @return what may still be shown, possibly empty
     */
    public String finish() {
        if (hit != null) {
            return "";
        }
        return release(true);
    }

    /**
     * The word being written, held back until it is complete and checked. Only for deciding
     * where a sentence ends (a speech pipeline may look at its first letter); never to be shown.
     *
     * @return the held text, possibly empty
     */
    public String held() {
        return hit != null ? "" : pending.substring(shown);
    }

    /**
     * Whether a word or phrase stopped the reply.
     *
     * @return whether it was stopped
     */
    public boolean stopped() {
        return hit != null;
    }

    /**
     * What stopped the reply.
     *
     * @return the phrase, or {@code null}
     */
    public Phrase hit() {
        return hit;
    }

    /**
     * Everything released so far.
     *
     * @return the released text
     */
    public String released() {
        return released.toString();
    }

    /**
     * The released text up to the end of its last complete sentence: what is kept of a stopped reply.
     *
     * @return the text before the sentence that was stopped
     */
    public String beforeStop() {
        for (int i = released.length() - 1; i >= 0; i--) {
            char c = released.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return released.substring(0, i + 1);
            }
        }
        return "";
    }

    private String release(boolean last) {
        int n = pending.length();
        int cleared = 0;
        int early = 0;
        int i = 0;
        while (i < n) {
            if (!Words.wordChar(pending.charAt(i))) {
                i++;
                cleared = i;
                continue;
            }
            int start = i;
            while (i < n && Words.wordChar(pending.charAt(i))) {
                i++;
            }
            if (i == n && !last && i - start < LONGEST_WORD) {
                early = cannotHit(start, n) ? n : 0;
                break;
            }
            if (!passes(start, i)) {
                pending.setLength(0);
                shown = 0;
                return "";
            }
            cleared = i;
        }
        int upTo = Math.max(Math.max(cleared, early), shown);
        String out = upTo > shown ? pending.substring(shown, upTo) : "";
        pending.delete(0, cleared);
        shown = Math.max(0, upTo - cleared);
        released.append(out);
        return out;
    }

    /**
     * Whether the word being written may go out before it is complete: it has a letter (so it
     * folds as the whole word will: digits stand for letters only beside one), two letters or
     * more after folding (a single letter may be one of a spaced-out word, "F U C K"), and no
     * phrase of the list can end at a word that begins like it.
     */
    private boolean cannotHit(int start, int end) {
        boolean letter = false;
        for (int k = start; k < end && !letter; k++) {
            letter = Character.isLetter(pending.charAt(k));
        }
        if (!letter) {
            return false;
        }
        String begun = Words.fold(pending, start, end);
        return begun.length() >= 2 && !list.mayEndWith(begun);
    }

    private boolean passes(int start, int end) {
        words.add(Words.fold(pending, start, end));
        if (words.size() >= WINDOW * 2) {
            words.subList(0, WINDOW).clear();
        }
        hit = list.endingAt(words, words.size() - 1, false);
        if (hit == null && end - start == 1 && Character.isLetter(pending.charAt(start))) {
            singles.append(pending.charAt(start)); // "F U C K": spaced-out letters are read as one word too
            if (singles.length() >= 3) {
                hit = list.endingAt(List.of(Words.fold(singles.toString())), 0, false);
            }
        } else if (end - start > 1) {
            singles.setLength(0);
        }
        return hit == null;
    }
}
