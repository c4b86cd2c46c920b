package com.kidmodstudio.crafty.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to speak next and when, decided from a reply streamed by a language model: the one home of
 * that decision, pure and not thread-safe (one per reply); a speaker only carries it out.
 *
 * <p>The rules, on top of {@link SentenceSplitter}'s sentence ends:
 * <ul>
 *   <li>The reply's first sentence is spoken on its own however short ("Hallo!", "Ja!"), and a
 *       long one is cut after its first clause mark once {@value #OPENING_WORDS} words precede
 *       it, so the first words never wait for a long sentence. Later short sentences are merged
 *       with the next, which sounds more natural.</li>
 *   <li>A sentence whose end is very likely ({@code !}, {@code ?}, a full stop after an ordinary
 *       word) is spoken from the token that ends it, not from the next one.</li>
 *   <li>A sentence whose end is only possible (an ellipsis, a closing quote) is proposed for
 *       preparing: synthesized ahead with its audio held. The sentence that comes next says
 *       whether it {@linkplain Piece#prepared() reads as the proposal}, so the held audio can go
 *       out at once, or not, so it must be dropped unheard. One proposal is open at a time.</li>
 * </ul>
 */
public final class SpeechPlanner {
    /** Words the reply's first sentence needs before a clause mark cuts it. */
    public static final int OPENING_WORDS = 3;

    private final SentenceSplitter splitter =
            new SentenceSplitter(SentenceSplitter.MIN_LETTERS, SentenceSplitter.MAX_CHARS, OPENING_WORDS);
    /** The speakable form of the open proposal, or null. */
    private String proposed;

    /**
     * A piece of the reply to speak now.
     *
     * @param text     the text, as shown and synthesized
     * @param prepared whether it reads as the open proposal, so audio prepared ahead for that
     *                 proposal is its audio; when false, such audio must be dropped
     */
    public record Piece(String text, boolean prepared) {
    }

    /**
     * What a new piece of the reply calls for.
     *
     * @param speak   pieces to speak now, in order; often none
     * @param prepare a sentence to synthesize ahead and hold, when one is proposed
     */
    public record Step(List<Piece> speak, Optional<String> prepare) {
    }

    /**
     * Plans after the next piece of the reply.
     *
     * @param delta the model's next text, possibly empty
     * @return what to speak now and what to prepare
     */
    public Step add(String delta) {
        List<Piece> speak = new ArrayList<>();
        for (String sentence : splitter.add(delta)) {
            speak.add(piece(sentence));
        }
        Optional<String> likely = splitter.endIfLikely();
        likely.ifPresent(sentence -> speak.add(piece(sentence)));
        Optional<String> prepare = Optional.empty();
        if (likely.isEmpty() && proposed == null) {
            prepare = splitter.tentative();
            prepare.ifPresent(sentence -> proposed = SpeakableText.clean(sentence));
        }
        return new Step(speak, prepare);
    }

    /**
     * Ends the reply.
     *
     * @return the last piece, when text was left; an open proposal not matched is void
     */
    public List<Piece> finish() {
        List<Piece> rest = new ArrayList<>();
        splitter.finish().ifPresent(sentence -> rest.add(piece(sentence)));
        proposed = null;
        return rest;
    }

    /**
     * The pieces a whole text is spoken in, by the same rules as a streamed reply.
     *
     * @param text the text
     * @return its pieces' texts, in order
     */
    public static List<String> pieces(String text) {
        SpeechPlanner planner = new SpeechPlanner();
        List<String> out = new ArrayList<>();
        planner.add(text).speak().forEach(piece -> out.add(piece.text()));
        planner.finish().forEach(piece -> out.add(piece.text()));
        return out;
    }

    private Piece piece(String sentence) {
        boolean prepared = proposed != null && proposed.equals(SpeakableText.clean(sentence));
        proposed = null;
        return new Piece(sentence, prepared);
    }
}
