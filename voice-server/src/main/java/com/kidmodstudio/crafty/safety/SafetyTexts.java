package com.kidmodstudio.crafty.safety;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fixed answers of the safety layer, from the data files {@code texts.tsv} and
 * {@code helplines.tsv}: the crisis answer with the helpline of a country, the refusals, the
 * reminder about personal data and the line that replaces a stopped reply. Never from the model.
 */
public final class SafetyTexts {
    private final String language;
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, Helpline> helplines = new HashMap<>();

    /**
     * Reads the shipped texts for a language.
     *
     * @param language {@code de} or {@code en}
     */
    public SafetyTexts(String language) {
        this.language = "en".equals(language) ? "en" : "de";
        for (String[] row : PhraseList.Tables.rows("/safety/texts.tsv", 3)) {
            if (row[1].equals(this.language)) {
                texts.put(row[0], row[2]);
            }
        }
        for (String[] row : PhraseList.Tables.rows("/safety/helplines.tsv", 4)) {
            helplines.put(row[0], new Helpline(row[0], row[1], "de".equals(this.language) ? row[2] : row[3]));
        }
    }

    /**
     * The country whose helplines are used when the parent has not chosen one.
     *
     * @param language {@code de} or {@code en}
     * @return {@code DE} or {@code GB}
     */
    public static String defaultCountry(String language) {
        return "en".equals(language) ? "GB" : "DE";
    }

    /**
     * The countries with a helpline.
     *
     * @return ISO codes
     */
    public Set<String> countries() {
        return Set.copyOf(helplines.keySet());
    }

    /**
     * The helpline of a country; an unknown country gets the language's default.
     *
     * @param country ISO code, {@code UK} read as {@code GB}; {@code null} for the default
     * @return the helpline
     */
    public Helpline helpline(String country) {
        String code = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
        if ("UK".equals(code)) {
            code = "GB";
        }
        Helpline line = helplines.get(code);
        return line != null ? line : helplines.get(defaultCountry(language));
    }

    /**
     * The crisis answer: warm words for the category, the helpline, the emergency number and a
     * trusted grown-up.
     *
     * @param category a crisis category
     * @param country  where the child lives, or {@code null}
     * @return the answer, a few short sentences
     */
    public String crisis(Category category, String country) {
        Helpline line = helpline(country);
        return String.join(" ", List.of(text("crisis." + category.wire()), line.sentence(),
                                        text("crisis.emergency").replace("{emergency}", line.emergency()),
                                        text("crisis.close")));
    }

    /**
     * The kind refusal of an unsafe request.
     *
     * @param category what was asked for
     * @return the refusal, steering back to building
     */
    public String refusal(Category category) {
        String text = texts.get("refusal." + category.wire());
        return text != null ? text : text("refusal.other");
    }

    /**
     * The gentle reminder after personal data was masked.
     *
     * @return the reminder
     */
    public String reminder() {
        return text("reminder.personal_data");
    }

    /**
     * The line that replaces the rest of a stopped reply.
     *
     * @return the line
     */
    public String stopped() {
        return text("reply.stopped");
    }

    /**
     * Every text, for tests that check them against the reply lists.
     *
     * @return the texts of this language
     */
    List<String> all() {
        return List.copyOf(texts.values());
    }

    private String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalStateException("texts.tsv has no " + key + " in " + language);
        }
        return text;
    }

    /**
     * Help in one country.
     *
     * @param country   ISO code
     * @param emergency the emergency number
     * @param sentence  how to reach the helpline, in the configured language
     */
    public record Helpline(String country, String emergency, String sentence) {
    }
}
