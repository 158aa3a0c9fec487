package com.skincareshop.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * One client's configuration: what quarkus-kafka-client gathered from every {@code kafka.*} property and
 * {@code KAFKA_*} variable (the bean {@code @Identifier("default-kafka-broker")}), plus what this client needs,
 * which wins.
 */
public final class KafkaClientConfig {

    /** The extension's bean of the shared configuration. */
    public static final String DEFAULT_BROKER = "default-kafka-broker";

    private KafkaClientConfig() {}

    /**
     * The extension names a {@code group.id} (the application's) for every client; only a client that joins a group
     * names one among its overrides. A producer or admin client would warn about it, and the catalogue table, which
     * assigns its partitions, must not join one.
     */
    public static Map<String, Object> of(Map<String, Object> shared, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>(shared);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putAll(overrides);
        return config;
    }
}
