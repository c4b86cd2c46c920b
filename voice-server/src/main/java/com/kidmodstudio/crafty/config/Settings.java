package com.kidmodstudio.crafty.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import io.helidon.config.Config;

/**
 * Typed, validated reads of configuration values with explicit defaults. Every method throws
 * {@link ConfigProblem} naming the full key when a value is present but unusable.
 */
public final class Settings {
    private Settings() {
    }

    /**
     * A string value.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @return the trimmed value
     */
    public static String string(Config config, String key, String fallback) {
        return config.get(key).asString().map(String::trim).orElse(fallback);
    }

    /**
     * A TCP port, 0 (any free port) to 65535.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @return the port
     */
    public static int port(Config config, String key, int fallback) {
        String raw = string(config, key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigProblem(fullKey(config, key), raw, "expected a port number from 0 to 65535");
    }

    /**
     * A positive integer within bounds.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @param min      smallest allowed value
     * @param max      largest allowed value
     * @return the value
     */
    public static int integer(Config config, String key, int fallback, int min, int max) {
        String raw = string(config, key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigProblem(fullKey(config, key), raw, "expected a whole number from " + min + " to " + max);
    }

    /**
     * A decimal number within bounds.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @param min      smallest allowed value
     * @param max      largest allowed value
     * @return the value
     */
    public static double decimal(Config config, String key, double fallback, double min, double max) {
        String raw = string(config, key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigProblem(fullKey(config, key), raw, "expected a number from " + min + " to " + max);
    }

    /**
     * A boolean: {@code true}/{@code false}.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @return the value
     */
    public static boolean flag(Config config, String key, boolean fallback) {
        String raw = string(config, key, null);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigProblem(fullKey(config, key), raw, "expected true or false");
        };
    }

    /**
     * A duration: ISO-8601 ({@code PT2S}) or a number with unit {@code ms}, {@code s}, {@code m},
     * {@code h} or {@code d}.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @return the duration, never negative
     */
    public static Duration duration(Config config, String key, Duration fallback) {
        String raw = string(config, key, null);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        Duration value = parseDuration(raw);
        if (value == null || value.isNegative()) {
            throw new ConfigProblem(fullKey(config, key), raw, "expected a duration such as 500ms, 30s, 5m, 90d or PT30S");
        }
        return value;
    }

    /**
     * One of a fixed set of lowercase words.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent
     * @param allowed  the accepted values
     * @return the value, lowercased
     */
    public static String oneOf(Config config, String key, String fallback, Set<String> allowed) {
        String raw = string(config, key, fallback);
        String value = raw.toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ConfigProblem(fullKey(config, key), raw,
                                    "expected one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    /**
     * An absolute {@code http} or {@code https} URL, returned without a trailing slash.
     *
     * @param config   the subtree
     * @param key      key relative to it
     * @param fallback default when absent or empty
     * @return the URL
     */
    public static URI httpUrl(Config config, String key, String fallback) {
        String raw = string(config, key, "");
        if (raw.isEmpty()) {
            raw = fallback;
        }
        return httpUrl(fullKey(config, key), raw);
    }

    /**
     * Validates an absolute {@code http}/{@code https} URL.
     *
     * @param fullKey key to name in the error
     * @param raw     the value
     * @return the URL without a trailing slash
     */
    public static URI httpUrl(String fullKey, String raw) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new ConfigProblem(fullKey, raw, "expected an http:// or https:// URL such as http://127.0.0.1:11434");
    }

    static Duration parseDuration(String raw) {
        String text = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 60));
            }
            if (text.endsWith("h")) {
                return Duration.ofMinutes(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 60));
            }
            if (text.endsWith("d")) {
                return Duration.ofHours(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 24));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        return null;
    }

    private static String fullKey(Config config, String key) {
        String parent = config.key().toString();
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
