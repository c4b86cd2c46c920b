package com.kidmodstudio.crafty.parent;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a parent sets in the parent area. Defaults ({@link #defaults}): the configured language,
 * no daily limit, no quiet hours, a break reminder after 45 minutes of continuous talk, the
 * guard model off, the helpline country of the language (DE for German, GB for English), and
 * the configured retention (90 days).
 *
 * @param language        {@code de} or {@code en}
 * @param dailyLimit      active talk time allowed per day; zero means no limit
 * @param quietFrom       start of the quiet hours (local time), or {@code null} for none
 * @param quietUntil      end of the quiet hours; before {@code quietFrom} when they span midnight
 * @param breakAfter      continuous talk after which Crafty suggests a break; zero means never
 * @param guard           whether the optional guard model checks the child's messages
 * @param helplineCountry ISO 3166 country whose helplines crisis answers name, e.g. {@code DE}
 * @param retention       how long a conversation is kept after its last message; zero keeps all
 */
public record ParentSettings(String language, Duration dailyLimit, LocalTime quietFrom, LocalTime quietUntil,
                             Duration breakAfter, boolean guard, String helplineCountry, Duration retention) {
    /** The default break reminder. */
    public static final Duration BREAK_AFTER = Duration.ofMinutes(45);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public ParentSettings {
        if (!"de".equals(language) && !"en".equals(language)) {
            throw new IllegalArgumentException("language must be de or en");
        }
        check(dailyLimit, Duration.ofDays(1), "dailyLimitMinutes must be between 0 and 1440");
        check(breakAfter, Duration.ofHours(10), "breakAfterMinutes must be between 0 and 600");
        check(retention, Duration.ofDays(3650), "retentionDays must be between 0 and 3650");
        if ((quietFrom == null) != (quietUntil == null) || quietFrom != null && quietFrom.equals(quietUntil)) {
            throw new IllegalArgumentException("quiet hours need a start and a different end, or neither");
        }
        if (helplineCountry == null || !COUNTRY.matcher(helplineCountry).matches()) {
            throw new IllegalArgumentException("helplineCountry must be two capital letters, e.g. DE");
        }
    }

    /**
     * The settings before a parent changed anything.
     *
     * @param language  the configured language
     * @param retention the configured retention
     * @return the defaults
     */
    public static ParentSettings defaults(String language, Duration retention) {
        return new ParentSettings(language, Duration.ZERO, null, null, BREAK_AFTER, false,
                                  "de".equals(language) ? "DE" : "GB", retention);
    }

    /**
     * Whether quiet hours are set.
     *
     * @return true when they are
     */
    public boolean hasQuietHours() {
        return quietFrom != null;
    }

    /**
     * The settings as name/value pairs, as they are stored and sent.
     *
     * @return e.g. {@code dailyLimitMinutes=60}
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("language", language);
        map.put("dailyLimitMinutes", Long.toString(dailyLimit.toMinutes()));
        map.put("quietFrom", quietFrom == null ? "" : quietFrom.toString());
        map.put("quietUntil", quietUntil == null ? "" : quietUntil.toString());
        map.put("breakAfterMinutes", Long.toString(breakAfter.toMinutes()));
        map.put("guard", Boolean.toString(guard));
        map.put("helplineCountry", helplineCountry);
        map.put("retentionDays", Long.toString(retention.toDays()));
        return map;
    }

    /**
     * These settings with the given values changed; names not given keep their value.
     *
     * @param values name/value pairs as {@link #toMap()} writes them
     * @return the changed settings
     * @throws IllegalArgumentException naming the first bad value
     */
    public ParentSettings with(Map<String, String> values) {
        Map<String, String> merged = toMap();
        values.forEach((name, value) -> {
            if (!merged.containsKey(name)) {
                throw new IllegalArgumentException("unknown setting " + name);
            }
            merged.put(name, value == null ? "" : value.trim());
        });
        return new ParentSettings(merged.get("language").toLowerCase(Locale.ROOT),
                                  Duration.ofMinutes(number(merged, "dailyLimitMinutes")),
                                  time(merged, "quietFrom"), time(merged, "quietUntil"),
                                  Duration.ofMinutes(number(merged, "breakAfterMinutes")),
                                  flag(merged, "guard"), merged.get("helplineCountry").toUpperCase(Locale.ROOT),
                                  Duration.ofDays(number(merged, "retentionDays")));
    }

    private static long number(Map<String, String> values, String name) {
        try {
            return Long.parseLong(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static LocalTime time(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a time such as 21:00");
        }
    }

    private static boolean flag(Map<String, String> values, String name) {
        String value = values.get(name);
        if (!"true".equals(value) && !"false".equals(value)) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static void check(Duration value, Duration most, String problem) {
        if (value == null || value.isNegative() || value.compareTo(most) > 0) {
            throw new IllegalArgumentException(problem);
        }
    }
}
