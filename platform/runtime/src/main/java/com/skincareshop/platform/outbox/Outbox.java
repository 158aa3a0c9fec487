package com.skincareshop.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.platform.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * Records events in the caller's transaction. Nothing here talks to Kafka: the change and its event commit or
 * roll back together, and {@link OutboxRelay} publishes what committed.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final MessageTracing tracing;

    public Outbox(
            EntityManager entityManager,
            ObjectMapper objectMapper,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay,
            MessageTracing tracing) {
        this.tracing = tracing;
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Full state of the aggregate after the change, keyed by its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String topic, String key, String type, Object state) {
        try {
            return insert(topic, key, type, objectMapper.writeValueAsString(state), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload of type " + type + " cannot be serialized", e);
        }
    }

    /** The aggregate was erased: consumers delete it, and compaction removes it from the topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordTombstone(String topic, String key, String type) {
        return insert(topic, key, type, null, null);
    }

    /**
     * Right to erasure: deletes every earlier event of the aggregate (their payloads hold its personal data) and
     * records a tombstone, which makes every consumer delete it and lets compaction drop it from the topic.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordErasure(String topic, String key, String type) {
        deleteEventsOf(topic, key);
        return recordTombstone(topic, key, type);
    }

    /**
     * As {@link #recordErasure(String, String, String)}, for an aggregate whose versions keep growing across
     * erasure: the tombstone carries the version it erases up to ({@value CloudEventHeaders#AGGREGATE_VERSION}), so
     * a consumer can tell an older value replayed after it from the aggregate created again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordErasure(String topic, String key, String type, long erasedVersion) {
        deleteEventsOf(topic, key);
        return insert(topic, key, type, null, erasedVersion);
    }

    private void deleteEventsOf(String topic, String key) {
        // every row of the key: unsent, sent and parked alike (a parked row holds the same personal data)
        entityManager
                .createQuery("delete from OutboxEvent e where e.topic = :topic and e.key = :key")
                .setParameter("topic", topic)
                .setParameter("key", key)
                .executeUpdate();
    }

    private UUID insert(String topic, String key, String type, String payload, Long aggregateVersion) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.key = key;
        event.type = type;
        event.payload = payload;
        event.aggregateVersion = aggregateVersion;
        event.createdAt = clock.instant();
        MessageTracing.StoredContext trace = tracing.current();
        event.traceparent = trace.traceparent();
        event.tracestate = trace.tracestate();
        entityManager.persist(event);
        wakeRelayAfterCommit();
        return event.id;
    }

    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
