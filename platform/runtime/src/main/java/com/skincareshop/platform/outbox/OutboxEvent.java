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
}
