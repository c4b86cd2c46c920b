package com.kidmodstudio.crafty.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one Jackson mapper of the protocol: absent ({@code null}) fields are left out, unknown
 * incoming fields are ignored. Every mapper of the sidecar, the engines' too, comes from
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
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .findAndRegisterModules();

    private Json() {
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
