package com.skincareshop.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * The topics a service owns and creates at start-up when missing, for example
 * {@code skincare.kafka.topics."catalog.products.v1".partitions=6}. In production Strimzi's KafkaTopic resources
 * create them first with the same settings, and start-up then finds them present.
 */
@ConfigMapping(prefix = "skincare.kafka")
public interface KafkaTopicsConfig {

    Map<String, TopicSpec> topics();

    /** For every topic of the service: 1 on a single development broker, 3 in production. */
    @WithDefault("1")
    short replicationFactor();

    /** How long one attempt to reach the broker may take before it is retried. */
    @WithDefault("10s")
    Duration adminTimeout();

    interface TopicSpec {
        int partitions();

        /** Compacted topics keep the latest value per key: a consumer can rebuild full state from offset 0. */
        @WithDefault("false")
        boolean compacted();

        /** Further topic configs, e.g. {@code max.compaction.lag.ms} to bound how long an erased value survives. */
        Map<String, String> config();
    }
}
