package dev.relaypool.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the REST API: ISO-8601 instants, unknown fields ignored (older servers accept
 * newer clients), and parse errors that never quote the request body back (it may hold a password).
 */
public final class Json {
    /**
     * Jackson's buffers come from one pool shared by all threads. Its default keeps them per thread, and every
     * request runs on its own virtual thread: a stream's thread would hold ~20 KB of parser buffers for the
     * stream's whole life (docs/performance.md, many streams).
     */
    public static JsonFactoryBuilder factory() {
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        builder.recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
        return builder;
    }

    /** A plain mapper on the shared pool. */
    public static ObjectMapper mapper() {
        return new ObjectMapper(factory().build());
    }

    public static final ObjectMapper MAPPER = JsonMapper.builder(factory().build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Json() {}
}
