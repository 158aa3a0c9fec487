package com.skincareshop.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "skincare.outbox")
public interface OutboxConfig {

    /** Set false only in a replica that must never publish (the relay is safe to run in every replica). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Fallback poll: a commit in this JVM wakes the relay at once, this catches other replicas' writes. */
    @WithDefault("1s")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    /**
     * How long the broker may take to acknowledge a batch before the relay gives up on it and retries later
     * (Kafka's {@code delivery.timeout.ms}; requests time out after a third of it).
     */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /** How long to wait before retrying after the broker refused or timed out. */
    @WithDefault("1s")
    Duration retryBackoff();

    @WithDefault("30s")
    Duration maxRetryBackoff();

    /** Sent rows are kept this long (for audit and replay), then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
