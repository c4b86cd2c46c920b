package com.kidmodstudio.crafty.parent;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * The PIN's stored form: PBKDF2-HMAC-SHA256, at least 210,000 iterations, a random salt.
 */
class PinHashTest {

    @Test
    void the_hash_names_its_algorithm_and_iterations_and_carries_a_16_byte_salt_and_a_32_byte_hash() {
        String hash = PinHash.hash("4711");
        String[] parts = hash.split("\\$");
        assertThat(parts.length, is(4));
        assertThat(parts[0], is("pbkdf2-sha256"));
        assertThat(Integer.parseInt(parts[1]), greaterThanOrEqualTo(210_000));
        assertThat(Base64.getDecoder().decode(parts[2]).length, is(16));
        assertThat(Base64.getDecoder().decode(parts[3]).length, is(32));
        assertThat(hash, not(containsString("4711")));
    }

    @Test
    void the_same_pin_gets_a_new_salt_and_hash_each_time() {
        String first = PinHash.hash("4711");
        String second = PinHash.hash("4711");
        assertThat(first.equals(second), is(false));
        assertThat(first.split("\\$")[2].equals(second.split("\\$")[2]), is(false));
    }

    @Test
    void only_the_right_pin_matches() {
        String hash = PinHash.hash("4711");
        assertThat(PinHash.matches("4711", hash), is(true));
        assertThat(PinHash.matches("4712", hash), is(false));
        assertThat(PinHash.matches("471", hash), is(false));
        assertThat(PinHash.matches("", hash), is(false));
    }

    @Test
    void a_malformed_hash_matches_nothing() {
        assertThat(PinHash.matches("4711", "4711"), is(false));
        assertThat(PinHash.matches("4711", "pbkdf2-sha256$x$AAAA$AAAA"), is(false));
        assertThat(PinHash.matches("4711", "md5$1$AAAA$AAAA"), is(false));
        assertThat(PinHash.matches("4711", "pbkdf2-sha256$1000$%%%$AAAA"), is(false));
    }
}
