package com.skincareshop.contracts.events;

/**
 * Where the event contracts are in this jar (and in the repository, under {@code src/main/resources/events/}):
 * a JSON Schema per topic value, the Kafka headers' schema, golden samples per topic, and {@code asyncapi.yaml},
 * which ties them to the channels. Each schema's {@code $id} is {@link #BASE_URI} plus its path here, so a validator
 * that maps {@link #BASE_URI} to {@link #RESOURCE_ROOT} on the class path resolves every {@code $ref} offline.
 */
public final class EventSchemas {

    /** The {@code $id} prefix of every schema; an identifier, not an address anything is served from. */
    public static final String BASE_URI = "https://schemas.example.com/skincare/events/";
    /** The class path folder that {@link #BASE_URI} names. */
    public static final String RESOURCE_ROOT = "events/";

    public static final String ASYNCAPI = "asyncapi.yaml";
    /** The headers of every kind of message, one {@code $defs} entry per message of {@code asyncapi.yaml}. */
    public static final String HEADERS = "schemas/kafka-headers.v1.schema.json";
    /** Codes, ids and amounts the value schemas share. */
    public static final String VOCABULARY = "schemas/vocabulary.v1.schema.json";
    /** The value of every {@code <topic>.dlq}: the same coordinates whatever the source topic. */
    public static final String DEAD_LETTER = "schemas/dead-letter.v1.schema.json";

    private static final String DLQ_SUFFIX = Topics.deadLetterOf("");

    private EventSchemas() {}

    /** The schema of the topic's values, relative to {@link #RESOURCE_ROOT}. */
    public static String valueSchema(String topic) {
        return topic.endsWith(DLQ_SUFFIX) ? DEAD_LETTER : "schemas/" + topic + ".schema.json";
    }

    /** The folder of the topic's golden samples, relative to {@link #RESOURCE_ROOT}. */
    public static String samples(String topic) {
        return "samples/" + topic + "/";
    }
}
