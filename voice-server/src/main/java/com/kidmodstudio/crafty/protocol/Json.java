package com.kidmodstudio.crafty.protocol;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * The one Jackson mapper of the protocol: absent ({@code null}) fields are left out, unknown
 * incoming fields are ignored. An {@link Instant} is written and read as ISO-8601 text in UTC
 * ({@code "2026-11-24T06:00:00.123Z"}, what {@link Instant#toString()} gives); that is the only
 * {@code java.time} type on the wire, so Jackson's date-and-time modules are not loaded (about
 * 100 classes fewer in every start), and any other such value fails loudly instead of being
 * written in some default shape. Every mapper of the sidecar, the engines' too, comes from
 * {@link #newMapper()}, so that all of them reuse one pool of Jackson's buffers.
 */
public final class Json {
    /**
     * Jackson's reusable read and write buffers (several KiB per parser or generator), shared by
     * every mapper. Jackson's default keeps one set per thread, but each turn and each connection
     * runs on a virtual thread of its own, so with it every message allocated fresh buffers: about
     * a tenth of all the sidecar allocated while 50 clients chatted at once. Sets go back to the
     * pool when their parser or generator closes; at most 32 are kept.
     */
    private static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.newBoundedPool(32);

    /** Shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = newMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantText()));

    private Json() {
    }

    /** Reads an {@link Instant} from its ISO-8601 text. */
    private static final class InstantText extends FromStringDeserializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        protected Instant _deserialize(String value, DeserializationContext context) {
            return Instant.parse(value);
        }
    }

    /**
     * A new mapper with Jackson's defaults that takes its buffers from the shared pool.
     *
     * @return the mapper, to be configured by its owner
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper(JsonFactory.builder().recyclerPool(BUFFERS).build());
    }

    /**
     * Encodes a value as a JSON string.
     *
     * @param value a record or map
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
