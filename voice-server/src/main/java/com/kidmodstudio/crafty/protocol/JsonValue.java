package com.kidmodstudio.crafty.protocol;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One parsed JSON value, read by {@link Json#parse(String)}: what the route decoders and the
 * engines' clients look into. The methods are named and behave like those of Jackson's tree
 * ({@code get} gives {@code null} for an absent member, {@code path} a {@linkplain #isMissingNode()
 * missing} value; {@code asText} and {@code asLong} convert what can be converted), so that code
 * reads the same to anyone who knows Jackson. Values are immutable.
 */
public abstract sealed class JsonValue implements Iterable<JsonValue> {
    /** What {@link #path(String)} gives for a member that is not there. */
    public static final JsonValue MISSING = new Missing();
    /** The JSON {@code null}. */
    public static final JsonValue NULL = new Null();
    private static final JsonValue TRUE = new Bool(true);
    private static final JsonValue FALSE = new Bool(false);

    private JsonValue() {
    }

    static JsonValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * A member of an object.
     *
     * @param name the member's name
     * @return its value, or {@code null} when this is not an object or has no such member
     */
    public JsonValue get(String name) {
        return null;
    }

    /**
     * An element of an array.
     *
     * @param index from 0
     * @return the element, or {@code null} when this is not an array or is shorter
     */
    public JsonValue get(int index) {
        return null;
    }

    /**
     * A member of an object, never {@code null}.
     *
     * @param name the member's name
     * @return its value, or {@link #MISSING}
     */
    public JsonValue path(String name) {
        JsonValue value = get(name);
        return value == null ? MISSING : value;
    }

    /**
     * An element of an array, never {@code null}.
     *
     * @param index from 0
     * @return the element, or {@link #MISSING}
     */
    public JsonValue path(int index) {
        JsonValue value = get(index);
        return value == null ? MISSING : value;
    }

    /**
     * Whether an object has a member (which may be {@code null}).
     *
     * @param name the member's name
     * @return true when it is there
     */
    public boolean has(String name) {
        return get(name) != null;
    }

    /** @return true for an object */
    public boolean isObject() {
        return false;
    }

    /** @return true for an array */
    public boolean isArray() {
        return false;
    }

    /** @return true for a string */
    public boolean isTextual() {
        return false;
    }

    /** @return true for a number */
    public boolean isNumber() {
        return false;
    }

    /** @return true for a number without fraction or exponent */
    public boolean isIntegralNumber() {
        return false;
    }

    /** @return true for {@code true} and {@code false} */
    public boolean isBoolean() {
        return false;
    }

    /** @return true for {@code null} */
    public boolean isNull() {
        return false;
    }

    /** @return true for {@link #MISSING} */
    public boolean isMissingNode() {
        return false;
    }

    /** @return true for a string, number, boolean or {@code null} */
    public boolean isValueNode() {
        return true;
    }

    /**
     * This value as text: a string as it is, a number or boolean as written, {@code "null"} for
     * {@code null}, and {@code ""} for objects, arrays and missing values.
     *
     * @return the text
     */
    public abstract String asText();

    /**
     * This value as text, or a fallback for {@code null} and missing values.
     *
     * @param fallback what an absent value gives
     * @return the text
     */
    public String asText(String fallback) {
        return isNull() || isMissingNode() ? fallback : asText();
    }

    /**
     * This value as a long: a number (a fraction cut off), or a string that holds one; 0 otherwise.
     *
     * @return the number
     */
    public long asLong() {
        return asLong(0);
    }

    /**
     * This value as a long: a number (a fraction cut off), a string that holds one, or 1 and 0 for
     * {@code true} and {@code false}.
     *
     * @param fallback what any other value gives
     * @return the number
     */
    public long asLong(long fallback) {
        return fallback;
    }

    /** @return {@link #asLong()} cut to an int */
    public int asInt() {
        return (int) asLong();
    }

    /**
     * This value as an int, like {@link #asLong(long)}.
     *
     * @param fallback what a value that is no number gives
     * @return the number
     */
    public int asInt(int fallback) {
        return (int) asLong(fallback);
    }

    /** @return this value as a double: a number or a string that holds one; 0 otherwise */
    public double asDouble() {
        return 0;
    }

    /** @return {@code true} for {@code true}, a non-zero number, or the string "true" */
    public boolean asBoolean() {
        return false;
    }

    /** @return whether this is a number that fits a long */
    public boolean canConvertToLong() {
        return false;
    }

    /** @return the number of members or elements; 0 for other values */
    public int size() {
        return 0;
    }

    /** @return true when {@link #size()} is 0 */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** @return an object's members in their order; empty for other values */
    public Set<Map.Entry<String, JsonValue>> properties() {
        return Set.of();
    }

    /** The elements of an array or the member values of an object; nothing for other values. */
    @Override
    public Iterator<JsonValue> iterator() {
        return Collections.emptyIterator();
    }

    abstract void write(JsonGenerator out) throws IOException;

    /** @return the value as compact JSON ({@code ""} for a missing value) */
    @Override
    public String toString() {
        return isMissingNode() ? "" : Json.write(this);
    }

    /** An object; members keep the order they came in, a repeated name keeps its last value. */
    static final class Obj extends JsonValue {
        private final Map<String, JsonValue> members;

        Obj(Map<String, JsonValue> members) {
            this.members = Collections.unmodifiableMap(members);
        }

        @Override
        public JsonValue get(String name) {
            return members.get(name);
        }

        @Override
        public boolean isObject() {
            return true;
        }

        @Override
        public boolean isValueNode() {
            return false;
        }

        @Override
        public String asText() {
            return "";
        }

        @Override
        public int size() {
            return members.size();
        }

        @Override
        public Set<Map.Entry<String, JsonValue>> properties() {
            return members.entrySet();
        }

        @Override
        public Iterator<JsonValue> iterator() {
            return members.values().iterator();
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            out.writeStartObject();
            for (Map.Entry<String, JsonValue> member : members.entrySet()) {
                out.writeFieldName(member.getKey());
                member.getValue().write(out);
            }
            out.writeEndObject();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Obj that && members.equals(that.members);
        }

        @Override
        public int hashCode() {
            return members.hashCode();
        }
    }

    /** An array. */
    static final class Arr extends JsonValue {
        private final List<JsonValue> elements;

        Arr(List<JsonValue> elements) {
            this.elements = List.copyOf(elements);
        }

        @Override
        public JsonValue get(int index) {
            return index >= 0 && index < elements.size() ? elements.get(index) : null;
        }

        @Override
        public boolean isArray() {
            return true;
        }

        @Override
        public boolean isValueNode() {
            return false;
        }

        @Override
        public String asText() {
            return "";
        }

        @Override
        public int size() {
            return elements.size();
        }

        @Override
        public Iterator<JsonValue> iterator() {
            return elements.iterator();
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            out.writeStartArray();
            for (JsonValue element : elements) {
                element.write(out);
            }
            out.writeEndArray();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Arr that && elements.equals(that.elements);
        }

        @Override
        public int hashCode() {
            return elements.hashCode();
        }
    }

    /** A string. */
    static final class Str extends JsonValue {
        private final String text;

        Str(String text) {
            this.text = text;
        }

        @Override
        public boolean isTextual() {
            return true;
        }

        @Override
        public String asText() {
            return text;
        }

        @Override
        public long asLong(long fallback) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                try {
                    return (long) Double.parseDouble(text.trim());
                } catch (NumberFormatException notNumber) {
                    return fallback;
                }
            }
        }

        @Override
        public double asDouble() {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        @Override
        public boolean asBoolean() {
            return "true".equals(text.trim());
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            out.writeString(text);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Str that && text.equals(that.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    /**
     * A number: a {@code long}, a {@link BigInteger} when it does not fit one, or a
     * {@code double} when it has a fraction or an exponent.
     */
    static final class Num extends JsonValue {
        private final Number value;

        Num(Number value) {
            this.value = value;
        }

        Number value() {
            return value;
        }

        @Override
        public boolean isNumber() {
            return true;
        }

        @Override
        public boolean isIntegralNumber() {
            return !(value instanceof Double);
        }

        @Override
        public String asText() {
            return value.toString();
        }

        @Override
        public long asLong(long fallback) {
            return value.longValue();
        }

        @Override
        public double asDouble() {
            return value.doubleValue();
        }

        @Override
        public boolean asBoolean() {
            return value.doubleValue() != 0;
        }

        @Override
        public boolean canConvertToLong() {
            return switch (value) {
                case Long l -> true;
                case BigInteger big -> big.bitLength() < 64;
                default -> value.doubleValue() >= Long.MIN_VALUE && value.doubleValue() <= Long.MAX_VALUE;
            };
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            switch (value) {
                case Long l -> out.writeNumber(l);
                case BigInteger big -> out.writeNumber(big);
                case BigDecimal decimal -> out.writeNumber(decimal);
                default -> out.writeNumber(value.doubleValue());
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Num that && value.equals(that.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    /** {@code true} or {@code false}. */
    static final class Bool extends JsonValue {
        private final boolean value;

        Bool(boolean value) {
            this.value = value;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }

        @Override
        public String asText() {
            return String.valueOf(value);
        }

        @Override
        public long asLong(long fallback) {
            return value ? 1 : 0;
        }

        @Override
        public double asDouble() {
            return asLong();
        }

        @Override
        public boolean asBoolean() {
            return value;
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            out.writeBoolean(value);
        }
    }

    /** {@code null}. */
    static final class Null extends JsonValue {
        @Override
        public boolean isNull() {
            return true;
        }

        @Override
        public String asText() {
            return "null";
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            out.writeNull();
        }
    }

    /** No value: what {@code path} gives for an absent member. */
    static final class Missing extends JsonValue {
        @Override
        public boolean isMissingNode() {
            return true;
        }

        @Override
        public boolean isValueNode() {
            return false;
        }

        @Override
        public String asText() {
            return "";
        }

        @Override
        void write(JsonGenerator out) throws IOException {
            out.writeNull();
        }
    }
}
