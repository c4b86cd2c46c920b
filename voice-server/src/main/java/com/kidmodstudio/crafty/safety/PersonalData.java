package com.kidmodstudio.crafty.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in a child's message before it reaches the model, the store or a log
 * line: e-mail addresses, phone numbers (written with a leading {@code +}, {@code 00} or
 * {@code 0}), IBANs, street addresses ("Hauptstraße 12", "12 Baker Street", "I live at …"),
 * postcodes with a town, and full names (first and last) after "ich heiße" / "mein Name ist" / "my name is".
 * Each is replaced by a placeholder in brackets ({@code [Telefonnummer]}, {@code [phone]}).
 * Pure and thread-safe.
 */
public final class PersonalData {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}");
    private static final Pattern IBAN = Pattern.compile(
            "(?i)\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\\b");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}.,-])(?:\\+|00|0)\\d(?:[ /()-]{0,2}\\d){5,14}(?![\\p{N}])");
    private static final Pattern STREET = Pattern.compile(
            "(?iu)\\b\\p{L}{3,}(?:straße|strasse|str\\.|weg|allee|gasse|platz|ring|damm|ufer|chaussee)"
                    + "\\s+\\d{1,4}\\s?[a-z]?\\b");
    private static final Pattern STREET_TWO_WORDS = Pattern.compile(
            "(?u)\\b\\p{Lu}\\p{L}+\\s+(?:Straße|Strasse|Str\\.|Weg|Allee|Gasse|Platz|Ring)\\s+\\d{1,4}\\s?[a-z]?\\b");
    private static final Pattern STREET_EN = Pattern.compile(
            "(?iu)\\b\\d{1,5}\\s+(?:[\\p{L}]+\\s+){1,3}(?:street|st\\.|road|rd\\.|avenue|ave\\.?|lane|drive|close|court|way|"
                    + "boulevard|blvd)\\b");
    /** A postcode and town right after a masked street: "[Adresse], 12345 Musterstadt". */
    private static final Pattern POSTCODE = Pattern.compile("(?u)(?<=\\],? ?)\\d{4,5}\\s+\\p{Lu}[\\p{L}-]{2,}");
    private static final Pattern LIVE_AT = Pattern.compile(
            "(?iu)\\b(?:i live at|my address is|meine adresse (?:ist|lautet)|ich wohne in der|ich wohne im|ich wohne am|"
                    + "ich wohne an der)\\s+([^.!?,;\\n]+)");
    private static final Pattern NAME = Pattern.compile(
            "(?iu)\\b(?:ich hei(?:ß|ss|s)e|mein (?:voller |richtiger )?name ist|my (?:full |real )?name is|"
                    + "i am called|i'm called)\\s+(\\p{L}[\\p{L}'-]*)(?:\\s+(\\p{L}[\\p{L}'-]*))?");
    private static final Set<String> NOT_NAMES = Set.of(
            "so", "wie", "nicht", "auch", "eigentlich", "ja", "nein", "und", "aber", "doch", "mal", "echt", "gar",
            "bin", "aus", "in", "im", "am", "ich", "mit", "von", "oder", "weil", "hab", "habe",
            "not", "and", "but", "also", "really", "like", "the", "a", "an", "just", "too", "from", "i", "with",
            "or", "because", "beste", "neue", "größte", "gleiche", "erste", "letzte", "boss", "chef", "king", "könig",
            "held", "best", "new", "first", "last", "same", "crafty", "spieler", "player", "builder", "baumeister");

    private final String language;

    /**
     * Creates a masker whose placeholders are in a language.
     *
     * @param language {@code de} or {@code en}
     */
    public PersonalData(String language) {
        this.language = language;
    }

    /**
     * Masks a message.
     *
     * @param text the child's words
     * @return the masked text and what kinds were found
     */
    public Masked mask(String text) {
        List<String> kinds = new ArrayList<>();
        String out = replace(EMAIL, text, "email", kinds);
        out = replace(IBAN, out, "iban", kinds);
        out = replace(PHONE, out, "phone", kinds);
        out = replaceGroup(LIVE_AT, out, "address", kinds);
        out = replace(STREET, out, "address", kinds);
        out = replace(STREET_TWO_WORDS, out, "address", kinds);
        out = replace(STREET_EN, out, "address", kinds);
        out = replace(POSTCODE, out, "address", kinds);
        out = names(out, kinds);
        return new Masked(out, List.copyOf(kinds));
    }

    private String names(String text, List<String> kinds) {
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (m.group(2) == null || NOT_NAMES.contains(m.group(1).toLowerCase(Locale.ROOT))
                    || NOT_NAMES.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                continue; // a first name alone is not masked: "ich heiße Lena"
            }
            out.append(text, last, m.start(1)).append(placeholder("name"));
            last = m.end(2);
            if (!kinds.contains("name")) {
                kinds.add("name");
            }
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

    private String replace(Pattern pattern, String text, String kind, List<String> kinds) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        if (!kinds.contains(kind)) {
            kinds.add(kind);
        }
        return m.replaceAll(Matcher.quoteReplacement(placeholder(kind)));
    }

    private String replaceGroup(Pattern pattern, String text, String kind, List<String> kinds) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start(1)).append(placeholder(kind));
            last = m.end(1);
        }
        if (last == 0) {
            return text;
        }
        if (!kinds.contains(kind)) {
            kinds.add(kind);
        }
        return out.append(text, last, text.length()).toString();
    }

    private String placeholder(String kind) {
        boolean de = "de".equals(language);
        return "[" + switch (kind) {
            case "email" -> de ? "E-Mail" : "email";
            case "iban" -> "IBAN";
            case "phone" -> de ? "Telefonnummer" : "phone";
            case "address" -> de ? "Adresse" : "address";
            default -> de ? "Name" : "name";
        } + "]";
    }

    /**
     * A message after masking.
     *
     * @param text  the masked text
     * @param kinds what was masked: {@code email}, {@code iban}, {@code phone}, {@code address}, {@code name}
     */
    public record Masked(String text, List<String> kinds) {
        /**
         * Whether anything was masked.
         *
         * @return whether the text differs from the message
         */
        public boolean masked() {
            return !kinds.isEmpty();
        }
    }
}
