package com.kidmodstudio.crafty.parent;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The parent PIN as a salted slow hash, with the JDK's PBKDF2WithHmacSHA256:
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt (16 random bytes) and hash (32 bytes)
 * in unpadded base64. The PIN itself is never stored. Comparison takes constant time.
 */
public final class PinHash {
    /** Iterations for new hashes (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
    public static final int ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PinHash() {
    }

    /**
     * Hashes a PIN with a new random salt.
     *
     * @param pin the PIN
     * @return the encoded hash
     */
    public static String hash(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(pin, salt, ITERATIONS));
    }

    /**
     * Checks a PIN against an encoded hash, in time independent of where they differ.
     *
     * @param pin    the PIN tried
     * @param stored the encoded hash
     * @return whether it matches; false for a malformed hash
     */
    public static boolean matches(String pin, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            return MessageDigest.isEqual(derive(pin, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        char[] chars = pin.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
