package com.kidmodstudio.crafty.models;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A publisher's digest of a file, written {@code <algorithm>:<hex>}: {@code sha1}, {@code md5}
 * or {@code sha256}. MD5 and SHA-1 are what whisper.cpp and piper-voices publish; they guard
 * against a broken or wrong download, and the transport is HTTPS.
 *
 * @param algorithm the JDK's name for it, e.g. {@code SHA-1}
 * @param hex       the expected value, lower case
 */
public record Digest(String algorithm, String hex) {
    private static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "md5", "MD5", "sha256", "SHA-256");
    private static final Map<String, Integer> LENGTHS = Map.of("sha1", 40, "md5", 32, "sha256", 64);

    /**
     * Parses {@code sha1:465707…}.
     *
     * @param text the digest as written in the catalog
     * @return the digest
     * @throws IllegalArgumentException when it is not one
     */
    public static Digest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("digest must be <algorithm>:<hex>, got " + text);
        }
        String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String hex = text.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.containsKey(name) || hex.length() != LENGTHS.get(name) || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("unsupported or malformed digest: " + text);
        }
        return new Digest(ALGORITHMS.get(name), hex);
    }

    /**
     * A fresh hasher for this algorithm.
     *
     * @return the message digest
     */
    public MessageDigest hasher() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /**
     * Whether a computed hash is this digest.
     *
     * @param hash the hasher's result
     * @return true when they are equal
     */
    public boolean matches(byte[] hash) {
        return HexFormat.of().formatHex(hash).equals(hex);
    }
}
