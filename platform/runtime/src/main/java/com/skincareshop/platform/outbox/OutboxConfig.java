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

    /**
     * How many times Kafka may refuse a row for a reason a retry does not cure by itself (record too large for the
     * topic, topic missing, not authorized, not serializable) before the relay parks it: it stays in the table
     * with {@code parked_at} set, is no longer sent, and the rows behind it flow. Each refusal waits the retry
     * back-off, during which the rows behind it wait too: 10 with the default back-off is about 2.5 minutes.
     * Outages and timeouts are never counted.
     */
    @WithDefault("10")
    int maxAttempts();

    /**
     * Liveness: the relay is reported stuck when it has not gone round its loop for this long, back-off pauses and
     * the wait for the next poll not counted. Must exceed the longest round (the batch's transaction may take
     * {@link OutboxRelay#BATCH_TIMEOUT}); a relay waiting for the broker keeps going round and is never stuck.
     */
    @WithDefault("5m")
    Duration maxSilence();

    /** Sent rows are kept this long (for audit and replay), then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
