package com.kidmodstudio.crafty.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The protocol's mapper writes instants as the ISO-8601 text the documented examples show, reads
 * them back, and refuses the {@code java.time} types that have no agreed shape on the wire.
 */
class JsonTest {
    record Stamped(String what, Instant at) {
    }

    @Test
    void an_instant_is_iso_8601_text_in_utc() {
        assertThat(Json.write(new Stamped("llm", Instant.parse("2026-11-24T06:00:00.123Z"))),
                   is("{\"what\":\"llm\",\"at\":\"2026-11-24T06:00:00.123Z\"}"));
        assertThat(Json.write(Map.of("at", Instant.ofEpochSecond(1_764_000_000L))), is("{\"at\":\"2025-11-24T16:00:00Z\"}"));
        assertThat(Json.write(Map.of("at", Instant.ofEpochSecond(1_764_000_000L, 5))),
                   is("{\"at\":\"2025-11-24T16:00:00.000000005Z\"}"));
    }

    @Test
    void an_instant_is_read_back_from_its_text() throws Exception {
        Stamped read = Json.MAPPER.readValue("{\"what\":\"tts\",\"at\":\"2026-11-24T06:00:00.123Z\"}", Stamped.class);
        assertThat(read.at(), is(Instant.parse("2026-11-24T06:00:00.123Z")));
        assertThat(Json.MAPPER.readValue("{\"at\":null}", Stamped.class).at(), is((Instant) null));
        Exception e = assertThrows(Exception.class, () -> Json.MAPPER.readValue("{\"at\":\"yesterday\"}", Stamped.class));
        assertThat(e.getMessage(), containsString("yesterday"));
    }

    @Test
    void other_time_types_fail_loudly_instead_of_taking_some_default_shape() {
        IllegalStateException duration = assertThrows(IllegalStateException.class, () -> Json.write(Map.of("d", Duration.ofSeconds(2))));
        assertThat(duration.getMessage(), is("cannot encode Map1"));
        assertThat(duration.getCause().getMessage(), containsString("java.time.Duration"));
        IllegalStateException time = assertThrows(IllegalStateException.class, () -> Json.write(Map.of("t", LocalTime.NOON)));
        assertThat(time.getCause().getMessage(), containsString("java.time.LocalTime"));
    }
}
