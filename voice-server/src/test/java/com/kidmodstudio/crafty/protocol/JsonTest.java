package com.kidmodstudio.crafty.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Json} writes records and plain values as the documented examples show (and as Jackson's
 * data binding wrote them before), parses with Jackson's streaming parser into {@link JsonValue}s,
 * and fills records from objects, with a clear error for what does not fit.
 */
class JsonTest {
    record Stamped(String what, Instant at) {
    }

    enum Level { LOW, HIGH }

    record Inner(String role, @JsonProperty("done_reason") String doneReason, int count) {
    }

    record Outer(String name, List<Inner> items, Map<String, Object> extra, Level level, boolean on, long big,
                 double ratio, Integer boxed, JsonValue raw) {
    }

    record Checked(String id) {
        Checked {
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException("id must not be blank");
            }
        }
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
        Stamped read = Json.read("{\"what\":\"tts\",\"at\":\"2026-11-24T06:00:00.123Z\"}", Stamped.class);
        assertThat(read.at(), is(Instant.parse("2026-11-24T06:00:00.123Z")));
        assertThat(Json.read("{\"at\":null}", Stamped.class).at(), is(nullValue()));
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.read("{\"at\":\"yesterday\"}", Stamped.class));
        assertThat(e.getOriginalMessage(), is("Stamped.at: expected an ISO-8601 instant, not \"yesterday\""));
    }

    @Test
    void other_time_types_and_plain_objects_fail_loudly_instead_of_taking_some_default_shape() {
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("d", Duration.ofSeconds(2))));
        assertThat(duration.getMessage(), is("no JSON form for a java.time.Duration"));
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(LocalTime.NOON)));
        assertThat(time.getMessage(), is("no JSON form for a java.time.LocalTime"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    void a_record_is_written_in_component_order_with_absent_members_left_out_and_renamed_ones_renamed() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("b", 2);
        extra.put("a", null);
        extra.put("list", new int[] {1, 2});
        Outer outer = new Outer("x\"y\n\u00e4\u0001", List.of(new Inner("user", "stop", 3), new Inner(null, null, 0)), extra,
                                Level.HIGH, true, 1L << 60, 0.25, null, null);
        assertThat(Json.write(outer), is("{\"name\":\"x\\\"y\\n\u00e4\\u0001\",\"items\":[{\"role\":\"user\",\"done_reason\":\"stop\","
                                                 + "\"count\":3},{\"count\":0}],\"extra\":{\"b\":2,\"a\":null,\"list\":[1,2]},"
                                                 + "\"level\":\"HIGH\",\"on\":true,\"big\":1152921504606846976,\"ratio\":0.25}"));
        assertThat(new String(Json.writeBytes(outer), StandardCharsets.UTF_8), is(Json.write(outer)));
    }

    @Test
    void a_server_message_starts_with_its_type_and_reads_as_jackson_data_binding_wrote_it() throws Exception {
        List<ServerMessage> messages = List.of(
                ServerMessage.Assistant.delta("Hallo", 1_764_000_000_000L, "r-1"),
                ServerMessage.Assistant.done("Hallo! Ich bin Crafty.", 1_764_000_000_000L, "r-1", "s-1", "masked"),
                ServerMessage.Assistant.welcome("Willkommen", "s-2", true),
                ServerMessage.error(ErrorCode.BAD_JSON, "Das habe ich nicht verstanden.", "not valid JSON", null),
                ServerMessage.error(ErrorCode.BAD_PAYLOAD, "Hm?", "\"sessionId\" must be …", "q-9"));
        for (ServerMessage message : messages) {
            String written = Json.write(message);
            assertThat(written, written.startsWith("{\"type\":\"" + message.type() + "\""), is(true));
            assertThat(written, is(TestJson.MAPPER.writeValueAsString(TestJson.MAPPER.readTree(written))));
            ObjectNode expected = TestJson.MAPPER.valueToTree(message);
            expected.put("type", message.type());
            assertThat(TestJson.MAPPER.readTree(written), is(expected));
        }
    }

    @Test
    void parses_every_kind_of_value() throws Exception {
        JsonValue value = Json.parse("{\"s\":\"a\\u00e4\\n\",\"i\":-12,\"big\":18446744073709551616,\"d\":1.5e3,"
                                             + "\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"2\",[]],\"o\":{}}");
        assertThat(value.isObject(), is(true));
        assertThat(value.size(), is(9));
        assertThat(value.get("s").asText(), is("a\u00e4\n"));
        assertThat(value.get("i").asLong(), is(-12L));
        assertThat(value.get("i").isIntegralNumber(), is(true));
        assertThat(value.get("big").isIntegralNumber(), is(true));
        assertThat(value.get("big").canConvertToLong(), is(false));
        assertThat(value.get("d").asDouble(), is(1500.0));
        assertThat(value.get("d").isIntegralNumber(), is(false));
        assertThat(value.get("d").canConvertToLong(), is(true));
        assertThat(value.get("t").asBoolean(), is(true));
        assertThat(value.get("f").isBoolean(), is(true));
        assertThat(value.get("n").isNull(), is(true));
        assertThat(value.get("n").asText(), is("null"));
        assertThat(value.get("n").asText("fallback"), is("fallback"));
        assertThat(value.get("a").get(1).asInt(), is(2));
        assertThat(value.get("a").get(2).isEmpty(), is(true));
        assertThat(value.get("o").isObject(), is(true));
        assertThat(value.get("absent"), is(nullValue()));
        assertThat(value.path("absent").isMissingNode(), is(true));
        assertThat(value.path("absent").path("deeper").path(3).asText(), is(""));
        assertThat(value.path("s").asInt(7), is(7));
        assertThat(value.has("n"), is(true));
        List<String> names = new ArrayList<>();
        value.properties().forEach(member -> names.add(member.getKey()));
        assertThat(names, contains("s", "i", "big", "d", "t", "f", "n", "a", "o"));
        assertThat(value.toString(), is("{\"s\":\"a\u00e4\\n\",\"i\":-12,\"big\":18446744073709551616,\"d\":1500.0,"
                                                + "\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"2\",[]],\"o\":{}}"));
        assertThat(Json.parse(value.toString()), is(value));
        assertThat(Json.parse("{\"k\":1,\"k\":2}").get("k").asInt(), is(2));
        assertThat(Json.parse("  ").isMissingNode(), is(true));
        assertThat(Json.parse("\"top\"".getBytes(StandardCharsets.UTF_8)).asText(), is("top"));
    }

    @Test
    void invalid_text_is_a_json_error_that_says_where() {
        for (String bad : List.of("{", "{\"a\":}", "[1,]", "{\"a\":1} x", "{\"a\":1} {}", "'a'", "{a:1}", "nul")) {
            JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.parse(bad), bad);
            assertThat(bad, e.getLocation() == null, is(false));
        }
        String deep = "[".repeat(5000) + "]".repeat(5000);
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.parse(deep));
        assertThat(e.getOriginalMessage(), containsString("nesting depth"));
    }

    @Test
    void a_record_is_read_from_an_object_ignoring_unknown_members() throws Exception {
        Outer read = Json.read("{\"name\":\"n\",\"unknown\":{\"x\":[1]},\"items\":[{\"role\":\"assistant\",\"done_reason\":\"length\","
                                       + "\"count\":\"4\"},{}],\"extra\":{\"k\":[1,2.5,\"s\",null,true]},\"level\":\"LOW\","
                                       + "\"on\":true,\"big\":9007199254740993,\"ratio\":1,\"boxed\":null,\"raw\":{\"any\":1}}",
                               Outer.class);
        assertThat(read.name(), is("n"));
        assertThat(read.items(), contains(new Inner("assistant", "length", 4), new Inner(null, null, 0)));
        assertThat(read.extra(), is(Map.of("k", Arrays.asList(1L, 2.5, "s", null, true))));
        assertThat(read.level(), is(Level.LOW));
        assertThat(read.on(), is(true));
        assertThat(read.big(), is(9007199254740993L));
        assertThat(read.ratio(), is(1.0));
        assertThat(read.boxed(), is(nullValue()));
        assertThat(read.raw().get("any").asInt(), is(1));
        Outer empty = Json.read("{}", Outer.class);
        assertThat(empty, is(new Outer(null, null, null, null, false, 0, 0, null, null)));
    }

    @Test
    void what_does_not_fit_the_record_is_a_json_error_naming_the_member() {
        assertThat(mismatch("[]", Inner.class), is("Inner: expected an object, not an array"));
        assertThat(mismatch("null", Inner.class), is("Inner: expected an object, not null"));
        assertThat(mismatch("", Inner.class), is("Inner: expected an object, not nothing"));
        assertThat(mismatch("{\"role\":{}}", Inner.class), is("Inner.role: expected a string, not an object"));
        assertThat(mismatch("{\"count\":4294967296}", Inner.class), is("Inner.count: expected a number that fits an int, not 4294967296"));
        assertThat(mismatch("{\"count\":\"vier\"}", Inner.class), is("Inner.count: expected a number, not \"vier\""));
        assertThat(mismatch("{\"on\":1}", Outer.class), is("Outer.on: expected true or false, not 1"));
        assertThat(mismatch("{\"items\":[{\"count\":[]}]}", Outer.class), is("Outer.items[0].count: expected a number, not an array"));
        assertThat(mismatch("{\"level\":\"MEDIUM\"}", Outer.class), is("Outer.level: unknown value \"MEDIUM\""));
        assertThat(mismatch("{\"id\":\" \"}", Checked.class), is("Checked: id must not be blank"));
    }

    @Test
    void many_threads_write_and_read_at_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Inner inner = new Inner("r" + thread, i % 2 == 0 ? null : "stop", i);
                        assertThat(Json.read(Json.write(inner), Inner.class), is(inner));
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String mismatch(String json, Class<? extends Record> type) {
        return assertThrows(JsonProcessingException.class, () -> Json.read(json, type)).getOriginalMessage();
    }
}
