package com.kidmodstudio.crafty.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A text frame is one JSON object: anything else, two objects in one frame among them, is
 * {@code bad_json}, never half-read.
 */
class InboundTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"{\"action\":\"ping\"} {\"action\":\"stop\"}", "{\"action\":\"ping\"} x", "{\"action\":\"ping\"",
        "{\"action\":\"ping\",}", "[{\"action\":\"ping\"}]", "\"ping\"", "null", "", "  "})
    void what_is_not_one_json_object_is_bad_json(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Inbound.chat().decode(text));
        assertThat(text, e.code(), is(ErrorCode.BAD_JSON));
        assertThat(e.requestId(), is((String) null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"action\":\"ping\"} x", "{\"action\":}"})
    void the_detail_says_it_is_not_valid_json(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Inbound.chat().decode(text));
        assertThat(e.getMessage(), startsWith("not valid JSON: "));
    }
}
