package com.skincareshop.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event waiting to be (or already) published; written in the same transaction as the change it reports. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Also the CloudEvents {@code ce_id}: a consumer may deduplicate on it. */
    @Id
    public UUID id;

    /** Assigned by the database (identity); the relay publishes in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    public String topic;

    @Column(name = "message_key")
    public String key;

    @Column(name = "event_type")
    public String type;

    /** JSON, or null for a tombstone. */
    public String payload;

    /** For a tombstone, the aggregate version it erases up to (header {@code ce_aggregateversion}); else null. */
    @Column(name = "aggregate_version")
    public Long aggregateVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /**
     * How many times Kafka refused the row for a reason a retry does not cure by itself (too large for the topic,
     * topic missing, not authorized, not serializable); outages and timeouts are not counted.
     */
    public int attempts;

    /** The last such refusal: exception class and message (never the payload). */
    @Column(name = "last_error")
    public String lastError;

    /**
     * Set when {@link OutboxConfig#maxAttempts()} refusals were reached: the relay no longer sends the row, the
     * rows behind it go on, and the row stays for an operator (docs/RELIABILITY.md, outbox).
     */
    @Column(name = "parked_at")
    public Instant parkedAt;

    /**
     * The W3C trace context of the request or consumed record that wrote the row (null outside a trace): the relay
     * publishes the row in a span of that trace and sends it in the record's headers.
     */
    public String traceparent;

    public String tracestate;
}
