package com.kidmodstudio.crafty.safety;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guard model that classifies a child's message before the reply starts, in the categories of
 * Llama Guard 3 (S1–S14). Optional and off by default; when it fails or is too slow the message
 * is treated as unclassified and the deterministic lists still hold.
 */
public interface ModelGuard {
    /** What Llama Guard 3's categories mean for a child's message; the ones left out pass. */
    Map<String, Category> CATEGORIES = Map.of(
            "S1", Category.VIOLENCE,
            "S2", Category.OTHER,
            "S3", Category.ABUSE,
            "S4", Category.ABUSE,
            "S9", Category.WEAPONS,
            "S10", Category.HATE,
            "S11", Category.SELF_HARM,
            "S12", Category.SEXUAL);

    /**
     * Classifies a message.
     *
     * @param message the child's words, personal data already masked
     * @return the guard's verdict
     * @throws GuardException when the guard cannot be asked or answers nonsense
     */
    Verdict classify(String message) throws GuardException;

    /**
     * A guard's answer.
     *
     * @param safe  whether the guard found the message safe
     * @param codes the categories it named, e.g. {@code S11}
     */
    record Verdict(boolean safe, List<String> codes) {
        /**
         * Reads Llama Guard 3's output: {@code safe}, or {@code unsafe} and a line of codes.
         *
         * @param output the model's text
         * @return the verdict
         * @throws GuardException when the text is neither
         */
        public static Verdict parse(String output) throws GuardException {
            String text = output.strip();
            if (text.startsWith("safe")) {
                return new Verdict(true, List.of());
            }
            if (!text.startsWith("unsafe")) {
                throw new GuardException("the guard answered neither safe nor unsafe: "
                                                 + text.substring(0, Math.min(40, text.length())));
            }
            String codes = text.substring("unsafe".length()).strip();
            return new Verdict(false, codes.isEmpty() ? List.of() : List.of(codes.split("\\s*,\\s*|\\s+")));
        }

        /**
         * What the verdict means for the child's message: the first category the layer acts on.
         *
         * @return the category, or empty when the message may be answered
         */
        public Optional<Category> category() {
            if (safe) {
                return Optional.empty();
            }
            if (codes.isEmpty()) {
                return Optional.of(Category.OTHER);
            }
            return codes.stream().map(CATEGORIES::get).filter(c -> c != null)
                    .sorted((a, b) -> Boolean.compare(b.crisis(), a.crisis())).findFirst();
        }
    }

    /** The guard could not classify the message. */
    final class GuardException extends Exception {
        /**
         * Creates the exception.
         *
         * @param message what went wrong
         */
        public GuardException(String message) {
            super(message);
        }
    }
}
