package com.kidmodstudio.crafty.models;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The shipped catalog is valid: every file has a size, an https URL and a publisher's digest,
 * and each language has a default recogniser and voice.
 */
class CatalogTest {
    @Test
    void the_shipped_catalog_has_defaults_for_german_and_english() {
        Catalog catalog = Catalog.shipped();
        assertThat(catalog.version(), is(1));
        assertThat(catalog.defaultFor("stt", "de").orElseThrow().id(), is("whisper-base-q5_1"));
        assertThat(catalog.defaultFor("stt", "en").orElseThrow().id(), is("whisper-base-q5_1"));
        assertThat(catalog.defaultFor("tts", "de").orElseThrow().name().get("de"), is("Deutsche Stimme – Thorsten, mittel"));
        assertThat(catalog.defaultFor("tts", "en").orElseThrow().id(), is("piper-en_US-lessac-medium"));
        assertThat(catalog.model("piper-de_DE-thorsten-medium").orElseThrow().sizeBytes(), is(63_201_294L + 4_819L));
    }

    @Test
    void a_catalog_of_another_version_or_without_a_digest_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("{\"version\":2,\"models\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("""
                {"version":1,"models":[{"id":"x","role":"stt","languages":["de"],"name":{"de":"x","en":"x"},
                "files":[{"name":"x.bin","size":1,"url":"https://example.invalid/x.bin","digest":"crc:00"}]}]}
                """.getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("""
                {"version":1,"models":[{"id":"x","role":"stt","languages":["de"],"name":{"de":"x","en":"x"},
                "files":[{"name":"../x.bin","size":1,"url":"https://example.invalid/x.bin","digest":"md5:%s"}]}]}
                """.formatted("0".repeat(32)).getBytes(StandardCharsets.UTF_8)));
    }
}
