package com.kidmodstudio.crafty.safety;

import java.util.List;

/**
 * What the safety layer decided about a child's message before the model is asked.
 *
 * @param outcome  what happens next
 * @param category what was recognised; {@code null} when the message passed
 * @param question the message as it may be sent, stored and logged: personal data masked
 * @param answer   for {@link Outcome#CRISIS} and {@link Outcome#REFUSED} the whole fixed answer;
 *                 for a masked message the reminder to put before the model's reply; else {@code null}
 * @param masked   kinds of personal data masked ({@code phone}, {@code email}, …), possibly empty
 */
public record Screening(Outcome outcome, Category category, String question, String answer, List<String> masked) {

    /** What happens next. */
    public enum Outcome {
        /** The model answers; the reply is checked as it streams. */
        ANSWER,
        /** The fixed crisis answer with the helpline; the model is not asked. */
        CRISIS,
        /** A kind refusal; the model is not asked. */
        REFUSED
    }

    /**
     * Whether the model is asked.
     *
     * @return whether the outcome is {@link Outcome#ANSWER}
     */
    public boolean asksModel() {
        return outcome == Outcome.ANSWER;
    }

    /**
     * How the reply is marked on the wire: {@code crisis}, {@code refused}, {@code masked}, or
     * {@code null} for an ordinary reply.
     *
     * @return the mark
     */
    public String mark() {
        return switch (outcome) {
            case CRISIS -> "crisis";
            case REFUSED -> "refused";
            case ANSWER -> masked.isEmpty() ? null : "masked";
        };
    }
}
