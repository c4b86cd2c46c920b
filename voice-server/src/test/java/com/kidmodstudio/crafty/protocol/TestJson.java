package com.kidmodstudio.crafty.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson's data binding for the tests: they read what the server sends, and build what clients
 * send, with a mapper of their own, so that a mistake in {@link Json} cannot hide itself.
 */
public final class TestJson {
    /** Lenient: unknown fields are ignored, as a real client does; absent fields are not sent. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TestJson() {
    }
}
