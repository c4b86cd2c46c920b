package com.kidmodstudio.crafty.protocol;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Writes records as JSON objects and reads them back, by their components (see {@link Json}).
 * What a record class looks like on the wire is worked out once per class.
 */
final class JsonRecords {
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private JsonRecords() {
    }

    static void write(JsonGenerator out, Record value) throws IOException {
        Shape shape = SHAPES.get(value.getClass());
        out.writeStartObject();
        boolean typed = value instanceof ServerMessage;
        if (typed) {
            out.writeStringField("type", ((ServerMessage) value).type());
        }
        for (Part part : shape.parts()) {
            Object member = part.get(value);
            if (member != null && !(typed && "type".equals(part.name()))) {
                out.writeFieldName(part.name());
                Json.writeValue(out, member);
            }
        }
        out.writeEndObject();
    }

    static <T extends Record> T read(JsonValue tree, Class<T> type) throws JsonProcessingException {
        return type.cast(record(tree, type, type.getSimpleName()));
    }

    private static Object record(JsonValue tree, Class<?> type, String where) throws JsonProcessingException {
        if (!tree.isObject()) {
            throw new Mismatch(where + ": expected an object, not " + kind(tree));
        }
        Shape shape = SHAPES.get(type);
        Object[] values = new Object[shape.parts().size()];
        for (int i = 0; i < values.length; i++) {
            Part part = shape.parts().get(i);
            values[i] = value(tree.get(part.name()), part.type(), where + "." + part.name());
        }
        try {
            return shape.constructor().newInstance(values);
        } catch (InvocationTargetException e) {
            throw new Mismatch(where + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName(), e);
        }
    }

    private static Object value(JsonValue json, Type type, String where) throws JsonProcessingException {
        Class<?> raw = raw(type);
        if (json == null || json.isNull() || json.isMissingNode()) {
            return absent(raw);
        }
        if (raw == JsonValue.class) {
            return json;
        }
        if (raw == String.class) {
            return expect(json.isValueNode(), json, "a string", where).asText();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            boolean text = json.isTextual() && ("true".equals(json.asText()) || "false".equals(json.asText()));
            return expect(json.isBoolean() || text, json, "true or false", where).asBoolean();
        }
        if (raw == int.class || raw == Integer.class) {
            long number = whole(json, where);
            expect(number == (int) number, json, "a number that fits an int", where);
            return (int) number;
        }
        if (raw == long.class || raw == Long.class) {
            return whole(json, where);
        }
        if (raw == double.class || raw == Double.class) {
            return number(json, where);
        }
        if (raw == float.class || raw == Float.class) {
            return (float) number(json, where);
        }
        if (raw == Instant.class) {
            try {
                return Instant.parse(expect(json.isTextual(), json, "an ISO-8601 instant", where).asText());
            } catch (DateTimeParseException e) {
                throw new Mismatch(where + ": expected an ISO-8601 instant, not \"" + json.asText() + "\"");
            }
        }
        if (raw.isEnum()) {
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(json.asText()) && json.isTextual()) {
                    return constant;
                }
            }
            throw new Mismatch(where + ": unknown value " + json);
        }
        if (raw.isRecord()) {
            return record(json, raw, where);
        }
        if (raw == List.class || raw == Collection.class) {
            expect(json.isArray(), json, "an array", where);
            Type element = argument(type, 0);
            List<Object> elements = new ArrayList<>(json.size());
            int index = 0;
            for (JsonValue item : json) {
                elements.add(value(item, element, where + "[" + index++ + "]"));
            }
            return elements;
        }
        if (raw == Map.class) {
            expect(json.isObject(), json, "an object", where);
            Type member = argument(type, 1);
            Map<String, Object> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : json.properties()) {
                members.put(entry.getKey(), value(entry.getValue(), member, where + "." + entry.getKey()));
            }
            return members;
        }
        if (raw == Object.class) {
            return plain(json);
        }
        throw new IllegalArgumentException(where + ": no JSON form for a " + raw.getName());
    }

    private static Object absent(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return null;
        }
        if (raw == boolean.class) {
            return false;
        }
        if (raw == long.class) {
            return 0L;
        }
        if (raw == double.class) {
            return 0.0;
        }
        if (raw == float.class) {
            return 0.0f;
        }
        return 0;
    }

    private static long whole(JsonValue json, String where) throws JsonProcessingException {
        if (json.isNumber()) {
            return expect(json.canConvertToLong(), json, "a number that fits a long", where).asLong();
        }
        try {
            return Long.parseLong(expect(json.isTextual(), json, "a number", where).asText().trim());
        } catch (NumberFormatException e) {
            throw new Mismatch(where + ": expected a number, not \"" + json.asText() + "\"");
        }
    }

    private static double number(JsonValue json, String where) throws JsonProcessingException {
        if (json.isNumber()) {
            return json.asDouble();
        }
        try {
            return Double.parseDouble(expect(json.isTextual(), json, "a number", where).asText().trim());
        } catch (NumberFormatException e) {
            throw new Mismatch(where + ": expected a number, not \"" + json.asText() + "\"");
        }
    }

    /** A value as plain Java: maps, lists, strings, {@code Long}s, {@code Double}s, booleans. */
    private static Object plain(JsonValue json) {
        if (json.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            json.properties().forEach(entry -> members.put(entry.getKey(), plain(entry.getValue())));
            return members;
        }
        if (json.isArray()) {
            List<Object> elements = new ArrayList<>(json.size());
            json.forEach(item -> elements.add(plain(item)));
            return elements;
        }
        if (json instanceof JsonValue.Num number) {
            return number.value();
        }
        return json.isBoolean() ? json.asBoolean() : json.isTextual() ? json.asText() : null;
    }

    private static JsonValue expect(boolean fits, JsonValue json, String expected, String where) throws Mismatch {
        if (!fits) {
            throw new Mismatch(where + ": expected " + expected + ", not " + kind(json));
        }
        return json;
    }

    private static String kind(JsonValue json) {
        if (json.isObject()) {
            return "an object";
        }
        if (json.isArray()) {
            return "an array";
        }
        if (json.isMissingNode()) {
            return "nothing";
        }
        return json.isTextual() ? "a string" : json.toString();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType generic) {
            return (Class<?>) generic.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType generic ? generic.getActualTypeArguments()[index] : Object.class;
    }

    /** A component on the wire: its name there, how to get it, and its declared type. */
    private record Part(String name, Method accessor, Type type) {
        Object get(Record value) {
            try {
                return accessor.invoke(value);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name + " of a " + value.getClass().getSimpleName(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A record class on the wire. */
    private record Shape(List<Part> parts, Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            List<Part> parts = new ArrayList<>(components.length);
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
                String name = renamed == null || renamed.value().isEmpty() ? components[i].getName() : renamed.value();
                parts.add(new Part(name, accessor, components[i].getGenericType()));
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new Shape(List.copyOf(parts), constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }
    }

    /** A JSON value that does not fit the record it is read into. */
    static final class Mismatch extends JsonProcessingException {
        Mismatch(String message) {
            super(message);
        }
    }
}
