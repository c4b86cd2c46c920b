package com.kidmodstudio.crafty.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;

/**
 * JSON for the whole sidecar: the protocol's messages, the HTTP routes' bodies, the log lines
 * and the engines' requests and answers. Jackson's streaming parser and generator read and
 * write the text; records are mapped here, by their components:
 * <ul>
 *     <li>a record is written as an object of its components, in their order; a component that
 *     is {@code null} is left out. A component's name on the wire is its own, or the one given by
 *     Jackson's {@code @JsonProperty} on it ({@code done_reason}). A {@link ServerMessage} starts
 *     with its {@code type};</li>
 *     <li>maps, collections, arrays, strings, numbers, booleans, enums (by name) and
 *     {@link Instant}s (ISO-8601, {@code "2026-11-24T06:00:00.123Z"}) are written as JSON has them;
 *     anything else fails loudly instead of being written in some shape nobody chose;</li>
 *     <li>{@link #read(String, Class)} fills a record from an object: members it does not know
 *     are ignored (servers add fields over time), absent ones are {@code null}, 0 or
 *     {@code false}.</li>
 * </ul>
 * Jackson's data binding is not used: its about 530 classes would be loaded, and their pages kept
 * in memory, at every start of the sidecar, for what these few rules do.
 */
public final class Json {
    /**
     * Jackson's reusable read and write buffers (several KiB per parser or generator). Jackson's
     * default keeps one set per thread, but each turn and each connection runs on a virtual
     * thread of its own, so with it every message allocated fresh buffers: about a tenth of all
     * the sidecar allocated while 50 clients chatted at once. Sets go back to the pool when their
     * parser or generator closes; at most 32 are kept.
     */
    private static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.newBoundedPool(32);
    private static final JsonFactory FACTORY = JsonFactory.builder().recyclerPool(BUFFERS).build();

    private Json() {
    }

    /**
     * Encodes a value as a JSON string.
     *
     * @param value a record, map, collection or plain value
     * @return the JSON text
     * @throws IllegalArgumentException for a value of a type JSON has no shape for here
     */
    public static String write(Object value) {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Encodes a value as UTF-8 JSON, e.g. a request's body.
     *
     * @param value a record, map, collection or plain value
     * @return the JSON bytes
     */
    public static byte[] writeBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Parses one JSON text. Content after the value (other than white space) is an error.
     *
     * @param text the JSON
     * @return the value; {@link JsonValue#MISSING} for empty or blank text
     * @throws JsonProcessingException when it is not valid JSON
     */
    public static JsonValue parse(String text) throws JsonProcessingException {
        return parse(() -> FACTORY.createParser(text));
    }

    /**
     * Parses one UTF-8 JSON text, e.g. an engine's answer.
     *
     * @param bytes the JSON
     * @return the value; {@link JsonValue#MISSING} for empty or blank content
     * @throws JsonProcessingException when it is not valid JSON
     */
    public static JsonValue parse(byte[] bytes) throws JsonProcessingException {
        return parse(() -> FACTORY.createParser(bytes));
    }

    /**
     * Reads a record from a JSON object (see the class description for the rules).
     *
     * @param text the JSON
     * @param type the record class
     * @param <T>  the record type
     * @return the record
     * @throws JsonProcessingException when the text is not valid JSON or does not fit the record
     */
    public static <T extends Record> T read(String text, Class<T> type) throws JsonProcessingException {
        return JsonRecords.read(parse(text), type);
    }

    /**
     * Reads a record from a UTF-8 JSON object.
     *
     * @param bytes the JSON
     * @param type  the record class
     * @param <T>   the record type
     * @return the record
     * @throws JsonProcessingException when the bytes are not valid JSON or do not fit the record
     */
    public static <T extends Record> T read(byte[] bytes, Class<T> type) throws JsonProcessingException {
        return JsonRecords.read(parse(bytes), type);
    }

    private static JsonValue parse(Source source) throws JsonProcessingException {
        try (JsonParser in = source.open()) {
            JsonToken first = in.nextToken();
            if (first == null) {
                return JsonValue.MISSING;
            }
            JsonValue value = value(in, first);
            if (in.nextToken() != null) {
                throw new JsonParseException(in, "unexpected content after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // text in memory: only a parser that cannot be made fails here
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a parser over text in memory. */
    @FunctionalInterface
    private interface Source {
        JsonParser open() throws IOException;
    }

    private static JsonValue value(JsonParser in, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (JsonToken next = in.nextToken(); next != JsonToken.END_OBJECT; next = in.nextToken()) {
                    String name = in.currentName();
                    members.put(name, value(in, in.nextToken()));
                }
                yield new JsonValue.Obj(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonToken next = in.nextToken(); next != JsonToken.END_ARRAY; next = in.nextToken()) {
                    elements.add(value(in, next));
                }
                yield new JsonValue.Arr(elements);
            }
            case VALUE_STRING -> new JsonValue.Str(in.getText());
            case VALUE_NUMBER_INT -> new JsonValue.Num(in.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                                               ? in.getBigIntegerValue() : in.getLongValue());
            case VALUE_NUMBER_FLOAT -> new JsonValue.Num(in.getDoubleValue());
            case VALUE_TRUE -> JsonValue.of(true);
            case VALUE_FALSE -> JsonValue.of(false);
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new JsonParseException(in, "unexpected " + token);
        };
    }

    static void writeValue(JsonGenerator out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeNull();
            case String text -> out.writeString(text);
            case Boolean flag -> out.writeBoolean(flag);
            case Integer number -> out.writeNumber(number);
            case Long number -> out.writeNumber(number);
            case Double number -> out.writeNumber(number);
            case Float number -> out.writeNumber(number);
            case Short number -> out.writeNumber(number);
            case Byte number -> out.writeNumber(number);
            case BigInteger number -> out.writeNumber(number);
            case BigDecimal number -> out.writeNumber(number);
            case Character character -> out.writeString(character.toString());
            case Enum<?> constant -> out.writeString(constant.name());
            case Instant instant -> out.writeString(instant.toString());
            case JsonValue tree -> tree.write(out);
            case Record recorded -> JsonRecords.write(out, recorded);
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.writeFieldName(entry.getKey() instanceof Enum<?> key ? key.name() : String.valueOf(entry.getKey()));
                    writeValue(out, entry.getValue());
                }
                out.writeEndObject();
            }
            case Iterable<?> elements -> {
                out.writeStartArray();
                for (Object element : elements) {
                    writeValue(out, element);
                }
                out.writeEndArray();
            }
            case Object[] elements -> writeValue(out, Arrays.asList(elements));
            case int[] numbers -> out.writeArray(numbers, 0, numbers.length);
            case long[] numbers -> out.writeArray(numbers, 0, numbers.length);
            case double[] numbers -> out.writeArray(numbers, 0, numbers.length);
            default -> throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }
}
