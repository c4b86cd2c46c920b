package com.kidmodstudio.crafty.voice;

import java.util.ArrayList;
import java.util.List;

import com.kidmodstudio.crafty.chat.PendingReply;

/**
 * A reply that was spoken, sentence by sentence, kept so that when the child stops or interrupts
 * it the stored reply (and with it the model's context) can be cut to what the child actually
 * heard. Thread-safe: sentences are added by the speaker's worker, the cut comes from the socket.
 */
final class SpokenReply {
    private final String requestId;
    private final List<Sentence> sentences = new ArrayList<>();
    private PendingReply stored;

    /**
     * One sentence as it was sent.
     *
     * @param text        the sentence's text
     * @param audioMillis how long its audio plays
     */
    record Sentence(String text, long audioMillis) {
    }

    SpokenReply(String requestId) {
        this.requestId = requestId;
    }

    String requestId() {
        return requestId;
    }

    synchronized void spoken(int index, String text, long audioMillis) {
        while (sentences.size() <= index) {
            sentences.add(null);
        }
        sentences.set(index, new Sentence(text, audioMillis));
    }

    synchronized void stored(PendingReply reply) {
        this.stored = reply;
    }

    /**
     * Cuts the stored reply to what was heard and marks it interrupted.
     *
     * @param sentence the sentence the panel was playing when it stopped
     * @param playedMs how much of that sentence it had played
     * @return the text heard
     */
    synchronized String cut(int sentence, long playedMs) {
        String heard = heard(sentences, sentence, playedMs);
        if (stored != null) {
            stored.cut(heard);
        }
        return heard;
    }

    /**
     * What the child heard: every sentence before {@code sentence} whole, and of that sentence
     * the words its played part covers, in proportion to its audio (a word counts when its last
     * letter was played), never a word more.
     *
     * @param sentences the sentences sent, in order (null where one never came)
     * @param sentence  the sentence playing when playback stopped
     * @param playedMs  how long it had played
     * @return the heard text, possibly empty
     */
    static String heard(List<Sentence> sentences, int sentence, long playedMs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(sentence, sentences.size()); i++) {
            if (sentences.get(i) != null) {
                append(out, sentences.get(i).text());
            }
        }
        if (sentence < sentences.size() && sentences.get(sentence) != null) {
            Sentence last = sentences.get(sentence);
            if (last.audioMillis() <= 0 || playedMs >= last.audioMillis()) {
                append(out, last.text());
            } else {
                int upTo = (int) (last.text().length() * playedMs / last.audioMillis());
                int cut = 0;
                for (int end = 0; end < last.text().length(); end++) {
                    boolean tokenEnds = end + 1 == last.text().length()
                            || Character.isWhitespace(last.text().charAt(end + 1));
                    if (tokenEnds && !Character.isWhitespace(last.text().charAt(end))) {
                        int letters = end + 1;
                        while (letters > 0 && !Character.isLetterOrDigit(last.text().charAt(letters - 1))) {
                            letters--;
                        }
                        if (letters > upTo) {
                            break;
                        }
                        cut = end + 1;
                    }
                }
                append(out, last.text().substring(0, cut).strip());
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(text);
    }
}
