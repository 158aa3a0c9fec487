package com.skincareshop.platform.outbox;

import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.platform.kafka.KafkaSettings;
import com.skincareshop.platform.kafka.TopicProvisioner;
import com.skincareshop.platform.lifecycle.Daemons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.skincareshop.platform.persistence.JdbcValues;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka in commit order, then marks them sent.
 *
 * <p>At-least-once: a row is marked only after the broker acknowledged it (idempotent producer, acks=all), and
 * only the unbroken prefix of a batch is marked, so a failure resends the rest later, in order. Consumers keep
 * an aggregate only if its version is newer, so a resend is harmless. When Kafka is down the rows wait;
 * the service's writes do not.
 *
 * <p>Several replicas may run a relay: a PostgreSQL advisory lock lets one publish at a time, which keeps the
 * order per key.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, constant per database: "outbox" in ASCII. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    private final EntityManager entityManager;
    private final KafkaSettings kafka;
    private final TopicProvisioner topics;
    private final OutboxConfig config;
    private final Clock clock;
    private final String serviceName;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentEpochMilli = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;
    private Duration currentBackoff;
    private Instant lastBacklogRefresh = Instant.EPOCH;
    private Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(EntityManager entityManager, KafkaSettings kafka, TopicProvisioner topics, OutboxConfig config,
                       Clock clock, MeterRegistry registry,
                       @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.name")
                       String serviceName) {
        this.entityManager = entityManager;
        this.kafka = kafka;
        this.topics = topics;
        this.config = config;
        this.clock = clock;
        this.serviceName = serviceName;
        this.currentBackoff = config.retryBackoff();
        this.published = registry.counter("outbox.published");
        this.failures = registry.counter("outbox.publish.failures");
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows committed but not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("outbox.oldest.age.seconds", this, OutboxRelay::oldestUnsentAgeSeconds)
                .description("Age of the oldest unsent outbox row; 0 when the backlog is empty")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled by configuration");
            return;
        }
        running = true;
        worker = Daemons.start("outbox-relay", this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    /** Called after a transaction that wrote outbox rows committed: publish now rather than at the next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    /** Rows not yet acknowledged by Kafka, as of the last refresh. */
    public long backlog() {
        return backlog.get();
    }

    private void run() {
        while (running) {
            boolean moreWaiting = false;
            try {
                if (topics.ready()) {
                    moreWaiting = relayOnce();
                    currentBackoff = config.retryBackoff();
                }
                housekeeping();
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warnf("Outbox relay could not publish (%s: %s); retrying in %s",
                        e.getClass().getSimpleName(), e.getMessage(), currentBackoff);
                closeProducer();
                sleep(currentBackoff);
                currentBackoff = min(currentBackoff.multipliedBy(2), config.maxRetryBackoff());
                continue;
            }
            if (!moreWaiting) {
                awaitWakeUp();
            }
        }
    }

    /** Publishes one batch; true when a full batch went out and more may be waiting. */
    boolean relayOnce() {
        // the acknowledged prefix commits even when the rest failed: throw only after the transaction
        BatchOutcome outcome = QuarkusTransaction.requiringNew().timeout(120).call(this::publishNextBatch);
        if (outcome.delivered() < outcome.attempted()) {
            throw new OutboxPublishException(outcome.attempted() - outcome.delivered());
        }
        return outcome.attempted() == config.batchSize();
    }

    private BatchOutcome publishNextBatch() {
        Boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return BatchOutcome.NOTHING; // another replica is publishing
        }
        List<OutboxEvent> batch = entityManager
                .createQuery("from OutboxEvent e where e.sentAt is null order by e.seq", OutboxEvent.class)
                .setMaxResults(config.batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return BatchOutcome.NOTHING;
        }
        int delivered = publish(batch);
        if (delivered > 0) {
            // one statement; a row erased meanwhile (Outbox.recordErasure) is simply no longer there to mark
            entityManager.createQuery("update OutboxEvent e set e.sentAt = :now where e.id in :ids")
                    .setParameter("now", clock.instant())
                    .setParameter("ids", batch.subList(0, delivered).stream().map(e -> e.id).toList())
                    .executeUpdate();
        }
        published.increment(delivered);
        backlog.updateAndGet(b -> Math.max(0, b - delivered));
        return new BatchOutcome(batch.size(), delivered);
    }

    private record BatchOutcome(int attempted, int delivered) {
        static final BatchOutcome NOTHING = new BatchOutcome(0, 0);
    }

    /** Sends in order and returns how many rows, from the start, the broker acknowledged. */
    private int publish(List<OutboxEvent> batch) {
        KafkaProducer<String, byte[]> producer = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        try {
            for (OutboxEvent event : batch) {
                Future<RecordMetadata> ack = producer.send(toRecord(event));
                acks.add(ack);
                if (failedAlready(ack)) {
                    // refused before it was handed over (no metadata yet, after a broker restart): a later row of
                    // the same key sent now would reach the topic before this one
                    break;
                }
            }
        } catch (RuntimeException e) {
            // metadata unavailable (broker down): what was handed over is still awaited below
            LOG.debugf("send stopped after %d of %d records: %s", acks.size(), batch.size(), e.getMessage());
        }
        producer.flush();
        int delivered = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
                delivered++;
            } catch (ExecutionException e) {
                LOG.debugf("record not acknowledged: %s", e.getCause());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return delivered;
    }

    private static boolean failedAlready(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
        byte[] value = event.payload == null ? null : event.payload.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic, null, event.key, value);
        CloudEventHeaders.write(record.headers(), event.id, event.type, "/" + serviceName, event.key, event.createdAt,
                value != null);
        if (event.aggregateVersion != null) {
            CloudEventHeaders.writeAggregateVersion(record.headers(), event.aggregateVersion);
        }
        return record;
    }

    private void housekeeping() {
        Instant now = clock.instant();
        if (Duration.between(lastBacklogRefresh, now).compareTo(BACKLOG_REFRESH) >= 0) {
            lastBacklogRefresh = now;
            QuarkusTransaction.requiringNew().run(() -> {
                Object[] row = (Object[]) entityManager.createNativeQuery(
                                "select count(*), min(created_at) from outbox_event where sent_at is null")
                        .getSingleResult();
                backlog.set(((Number) row[0]).longValue());
                oldestUnsentEpochMilli.set(row[1] == null ? 0 : JdbcValues.instant(row[1]).toEpochMilli());
            });
        }
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) >= 0) {
            lastCleanup = now;
            int deleted = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createQuery("delete from OutboxEvent e where e.sentAt < :cutoff")
                    .setParameter("cutoff", now.minus(config.retention()))
                    .executeUpdate());
            if (deleted > 0) {
                LOG.infof("Deleted %d outbox rows sent more than %s ago", deleted, config.retention());
            }
        }
    }


    private double oldestUnsentAgeSeconds() {
        long oldest = oldestUnsentEpochMilli.get();
        return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox-relay",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                    ProducerConfig.LINGER_MS_CONFIG, "5",
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                    // fail a batch in seconds rather than minutes: the rows stay in the outbox and are retried
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(config.deliveryTimeout().toMillis() / 3),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(config.deliveryTimeout().toMillis()))),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A producer whose sends failed is replaced: a fresh one starts a clean idempotence epoch. */
    private synchronized void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("closing the outbox producer: %s", e.getMessage());
            }
            producer = null;
        }
    }

    private void awaitWakeUp() {
        try {
            if (wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void sleep(Duration duration) {
        // a wake-up does not cut a back-off short: the broker needs the time
        if (!Daemons.pause(duration)) {
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Part of a batch was not acknowledged; the acknowledged prefix is committed, the rest retried. */
    static final class OutboxPublishException extends RuntimeException {
        OutboxPublishException(int unsent) {
            super(unsent + " outbox rows not acknowledged by Kafka");
        }
    }
}
