package com.skincareshop.platform.outbox;

import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.platform.kafka.KafkaClientConfig;
import com.skincareshop.platform.kafka.TopicProvisioner;
import com.skincareshop.platform.lifecycle.Daemons;
import com.skincareshop.platform.lifecycle.Heartbeats;
import com.skincareshop.platform.persistence.JdbcValues;
import com.skincareshop.platform.tracing.MessageTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

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
 *
 * <p>A row Kafka refuses for a reason waiting does not cure ({@link PublishFailures}: too large for the topic,
 * topic missing, not authorized, not serializable) is retried with the same back-off, and counted; after
 * {@link OutboxConfig#maxAttempts()} refusals it is <em>parked</em>: it keeps its place in the table with
 * {@code parked_at} and {@code last_error} set, is no longer sent, and the rows behind it flow. That includes the
 * later rows of the same key. An event carries the aggregate's full state and its version, and every consumer
 * keeps an aggregate only if the version is newer: the next row of the key replaces what the parked one would
 * have said, and a consumer sees a version skipped, never an older version after a newer one. Holding the key's
 * later rows back instead would keep every consumer on a state older still, until an operator acted. The one thing
 * that must not happen is sending the parked row after a later row of its key was sent (compaction would keep the
 * older state as the key's last): an operator retries a parked row only when it is the newest of its key
 * (docs/RELIABILITY.md gives the statement).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, constant per database: "outbox" in ASCII. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    /** The longest a batch (select, send, acknowledgements, marks) may take: its transaction's timeout. */
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(120);
    /** Asking the broker whether a topic exists, after a send that may have failed for want of it. */
    private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final EntityManager entityManager;
    private final Map<String, Object> kafka;
    private final TopicProvisioner topics;
    private final OutboxConfig config;
    private final Clock clock;
    private final String serviceName;
    private final MessageTracing tracing;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentEpochMilli = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Counter parked;

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;
    private Duration currentBackoff;
    private Instant lastBacklogRefresh = Instant.EPOCH;
    private Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(
            EntityManager entityManager,
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafka,
            TopicProvisioner topics,
            OutboxConfig config,
            Clock clock,
            MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String serviceName,
            MessageTracing tracing) {
        this.tracing = tracing;
        this.entityManager = entityManager;
        this.kafka = kafka;
        this.topics = topics;
        this.config = config;
        this.clock = clock;
        this.serviceName = serviceName;
        this.currentBackoff = config.retryBackoff();
        this.published = registry.counter("outbox.published");
        this.failures = registry.counter("outbox.publish.failures");
        this.parked = Counter.builder("outbox.parked")
                .description("Outbox rows this replica parked: refused by Kafka max-attempts times, no longer sent")
                .register(registry);
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows committed but not yet acknowledged by Kafka, parked rows not counted")
                .register(registry);
        Gauge.builder("outbox.oldest.age.seconds", this, OutboxRelay::oldestUnsentAgeSeconds)
                .description(
                        "Age of the oldest unsent outbox row, parked rows not counted; 0 when the backlog is empty")
                .register(registry);
        Gauge.builder("outbox.parked.rows", parkedRows, AtomicLong::get)
                .description("Parked outbox rows in the table (every replica's), waiting for an operator")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled by configuration");
            return;
        }
        if (config.maxAttempts() < 1) {
            throw new IllegalStateException("skincare.outbox.max-attempts must be at least 1");
        }
        Duration longestRound = BATCH_TIMEOUT.plus(config.maxRetryBackoff());
        if (config.maxSilence().compareTo(longestRound) <= 0) {
            throw new IllegalStateException("skincare.outbox.max-silence (" + config.maxSilence()
                    + ") must exceed the longest round of the relay (" + longestRound + "), or liveness would"
                    + " restart a relay that is only slow");
        }
        running = true;
        worker = Daemons.start("outbox-relay", config.maxSilence(), this::run);
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
            Heartbeats.beat();
            boolean moreWaiting = false;
            try {
                if (topics.ready()) {
                    moreWaiting = relayOnce();
                    currentBackoff = config.retryBackoff();
                }
                housekeeping();
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warnf(
                        "Outbox relay could not publish (%s: %s); retrying in %s",
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

    /** Publishes one batch; true when more rows may be waiting: a full batch, or rows behind a parked one. */
    boolean relayOnce() {
        // the acknowledged prefix commits even when the rest failed: throw only after the transaction
        BatchOutcome outcome = QuarkusTransaction.requiringNew()
                .timeout((int) BATCH_TIMEOUT.toSeconds())
                .call(this::publishNextBatch);
        report(outcome.refusals());
        if (outcome.blocked()) {
            throw new OutboxPublishException(outcome.selected() - outcome.settled());
        }
        return outcome.settled() < outcome.selected() || outcome.selected() == config.batchSize();
    }

    private BatchOutcome publishNextBatch() {
        Boolean locked = (Boolean) entityManager
                .createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return BatchOutcome.NOTHING; // another replica is publishing
        }
        List<OutboxEvent> batch = entityManager
                .createQuery(
                        "from OutboxEvent e where e.sentAt is null and e.parkedAt is null order by e.seq",
                        OutboxEvent.class)
                .setMaxResults(config.batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return BatchOutcome.NOTHING;
        }
        Acks acks = publish(batch);
        Map<String, Throwable> topicsRefused = topicsRefused(batch, acks);

        // Settled rows (sent, or parked now) from the start are marked; the first row neither ends the prefix,
        // and it and everything after it is sent again next time, in order.
        List<UUID> sent = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        boolean prefix = true;
        boolean blocked = false;
        int settled = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent event = batch.get(i);
            if (acks.delivered[i]) {
                if (prefix) {
                    sent.add(event.id);
                    settled++;
                }
                continue;
            }
            Throwable refusal = acks.failures[i] != null
                            && PublishFailures.classify(acks.failures[i]) == PublishFailures.Kind.RECORD
                    ? acks.failures[i]
                    : topicsRefused.get(event.topic);
            if (refusal != null) {
                int attempts = event.attempts + 1;
                boolean park = attempts >= config.maxAttempts();
                refusals.add(new Refusal(event.id, event.topic, event.key, refusal, attempts, park));
                if (park) {
                    // no longer sent: the rows behind it (its own key's included, see the class comment) go on
                    settled += prefix ? 1 : 0;
                    continue;
                }
            }
            blocked |= refusal != null || acks.failures[i] != null;
            prefix = false;
        }
        Instant now = clock.instant();
        if (!sent.isEmpty()) {
            // one statement; a row erased meanwhile (Outbox.recordErasure) is simply no longer there to mark
            entityManager
                    .createQuery("update OutboxEvent e set e.sentAt = :now where e.id in :ids")
                    .setParameter("now", now)
                    .setParameter("ids", sent)
                    .executeUpdate();
        }
        recordRefusals(refusals, now);
        published.increment(sent.size());
        backlog.updateAndGet(b -> Math.max(0, b - sent.size()));
        return new BatchOutcome(batch.size(), settled, blocked, refusals);
    }

    /** Bulk updates, like the marks: a row erased meanwhile is just not there any more. */
    private void recordRefusals(List<Refusal> refusals, Instant now) {
        record Outcome(String error, boolean park) {}
        Map<Outcome, List<UUID>> byOutcome = new LinkedHashMap<>();
        for (Refusal refusal : refusals) {
            byOutcome
                    .computeIfAbsent(
                            new Outcome(PublishFailures.describe(refusal.cause()), refusal.parked()),
                            k -> new ArrayList<>())
                    .add(refusal.id());
        }
        byOutcome.forEach((outcome, ids) -> entityManager
                .createQuery("update OutboxEvent e"
                        + " set e.attempts = e.attempts + 1, e.lastError = :error, e.parkedAt = :parkedAt"
                        + " where e.id in :ids")
                .setParameter("error", outcome.error())
                .setParameter("parkedAt", outcome.park() ? now : null)
                .setParameter("ids", ids)
                .executeUpdate());
    }

    /** After the commit, so that what is logged and counted happened. Never the payload: it holds personal data. */
    private void report(List<Refusal> refusals) {
        for (Refusal refusal : refusals) {
            String error = refusal.cause().getClass().getName();
            if (refusal.parked()) {
                parked.increment();
                LOG.errorf(
                        "Outbox row %s parked after %d attempts (topic %s, key %s): %s. It is no longer sent;"
                                + " the rows behind it go on. See parked_at and last_error in outbox_event",
                        refusal.id(), refusal.attempts(), refusal.topic(), refusal.key(), error);
            } else {
                LOG.warnf(
                        "Outbox row %s refused by Kafka (topic %s, key %s): %s; attempt %d of %d",
                        refusal.id(), refusal.topic(), refusal.key(), error, refusal.attempts(), config.maxAttempts());
            }
        }
    }

    /**
     * Topics no row of which can be written now: refused as a whole (not authorized, illegal name), or missing,
     * which only the broker can tell from an outage. Their unsent rows of the batch all count a refusal.
     */
    private Map<String, Throwable> topicsRefused(List<OutboxEvent> batch, Acks acks) {
        Map<String, Throwable> refused = new HashMap<>();
        Set<String> judged = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Throwable failure = acks.failures[i];
            String topic = batch.get(i).topic;
            if (failure == null
                    || PublishFailures.classify(failure) == PublishFailures.Kind.RECORD
                    || !judged.add(topic)) {
                continue;
            }
            switch (PublishFailures.classify(failure)) {
                case TOPIC -> refused.put(topic, failure);
                case TOPIC_IF_MISSING -> {
                    if (topicMissing(topic)) {
                        refused.put(
                                topic,
                                new UnknownTopicOrPartitionException("the broker has no topic " + topic + " ("
                                        + failure.getClass().getSimpleName() + ")"));
                    }
                }
                default -> {}
            }
        }
        return refused;
    }

    /** True only when the broker answered that the topic does not exist; an unreachable broker is not an answer. */
    private boolean topicMissing(String topic) {
        try {
            admin().describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TOPIC_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException;
        } catch (TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record BatchOutcome(int selected, int settled, boolean blocked, List<Refusal> refusals) {
        static final BatchOutcome NOTHING = new BatchOutcome(0, 0, false, List.of());
    }

    /** Kafka refused a row for a reason waiting does not cure; {@code parked} once it reached the maximum. */
    private record Refusal(UUID id, String topic, String key, Throwable cause, int attempts, boolean parked) {}

    /** Per row of a batch, in order: delivered, failed (with the cause), or neither (not sent). */
    private static final class Acks {
        final boolean[] delivered;
        final Throwable[] failures;

        Acks(int size) {
            delivered = new boolean[size];
            failures = new Throwable[size];
        }
    }

    /**
     * Sends in order, stopping at the first send that failed at once, and collects every acknowledgement. Each row
     * written inside a trace is sent in a PRODUCER span of that trace, which the record's headers carry on.
     */
    private Acks publish(List<OutboxEvent> batch) {
        KafkaProducer<String, byte[]> producer = producer();
        Acks result = new Acks(batch.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            ProducerRecord<String, byte[]> record;
            Span span = tracing.startPublish(
                    new MessageTracing.StoredContext(event.traceparent, event.tracestate),
                    event.topic,
                    event.id,
                    event.type);
            try {
                record = toRecord(event);
                tracing.inject(span, record.headers());
            } catch (RuntimeException e) {
                // this row can never become a record: a refusal of the record, not an outage
                result.failures[acks.size()] = new SerializationException("outbox row cannot be made a record", e);
                MessageTracing.failed(span, result.failures[acks.size()]);
                break;
            }
            try {
                Future<RecordMetadata> ack = producer.send(record);
                acks.add(ack);
                spans.add(span);
                if (failedAlready(ack)) {
                    // refused before it was handed over (no metadata yet, after a broker restart): a later row of
                    // the same key sent now would reach the topic before this one
                    break;
                }
            } catch (RuntimeException e) {
                // metadata unavailable (broker down), or the record refused: what was handed over is awaited below
                LOG.debugf("send stopped after %d of %d records: %s", acks.size(), batch.size(), e.getMessage());
                result.failures[acks.size()] = e;
                MessageTracing.failed(span, e);
                break;
            }
        }
        producer.flush();
        // after the flush every handed-over record has its answer: collect them all, refusals after the first too
        for (int i = 0; i < acks.size(); i++) {
            try {
                MessageTracing.published(spans.get(i), acks.get(i).get());
                result.delivered[i] = true;
            } catch (ExecutionException e) {
                LOG.debugf("record not acknowledged: %s", e.getCause());
                result.failures[i] = PublishFailures.unwrap(e);
                MessageTracing.failed(spans.get(i), result.failures[i]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.failures[i] = e;
                for (int j = i; j < spans.size(); j++) {
                    MessageTracing.failed(spans.get(j), e);
                }
                break;
            }
        }
        return result;
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
        CloudEventHeaders.write(
                record.headers(), event.id, event.type, "/" + serviceName, event.key, event.createdAt, value != null);
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
                // each part matches one partial index: outbox_event_unsent, outbox_event_parked
                Object[] row = (Object[]) entityManager
                        .createNativeQuery("select"
                                + " (select count(*) from outbox_event where sent_at is null and parked_at is null),"
                                + " (select min(created_at) from outbox_event where sent_at is null and parked_at is null),"
                                + " (select count(*) from outbox_event where parked_at is not null)")
                        .getSingleResult();
                backlog.set(((Number) row[0]).longValue());
                oldestUnsentEpochMilli.set(
                        row[1] == null ? 0 : JdbcValues.instant(row[1]).toEpochMilli());
                parkedRows.set(((Number) row[2]).longValue());
            });
        }
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) >= 0) {
            lastCleanup = now;
            int deleted = QuarkusTransaction.requiringNew()
                    .call(() -> entityManager
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
            producer = new KafkaProducer<>(
                    KafkaClientConfig.of(
                            kafka,
                            Map.of(
                                    ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox-relay",
                                    ProducerConfig.ACKS_CONFIG, "all",
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                                    ProducerConfig.LINGER_MS_CONFIG, "5",
                                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                                    // fail a batch in seconds rather than minutes: the rows stay in the outbox and are
                                    // retried
                                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                            String.valueOf(
                                                    config.deliveryTimeout().toMillis() / 3),
                                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                            String.valueOf(
                                                    config.deliveryTimeout().toMillis()))),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(KafkaClientConfig.of(
                    kafka,
                    Map.of(
                            AdminClientConfig.CLIENT_ID_CONFIG, serviceName + "-outbox-relay-admin",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                    String.valueOf(TOPIC_CHECK_TIMEOUT.toMillis() / 2),
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                    String.valueOf(TOPIC_CHECK_TIMEOUT.toMillis()))));
        }
        return admin;
    }

    /** A producer whose sends failed is replaced: a fresh one starts a clean idempotence epoch. */
    private synchronized void closeProducer() {
        if (producer != null) {
            closeQuietly("producer", producer::close);
            producer = null;
        }
        if (admin != null) {
            closeQuietly("admin client", admin::close);
            admin = null;
        }
    }

    private static void closeQuietly(String what, Consumer<Duration> close) {
        try {
            close.accept(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("closing the outbox %s: %s", what, e.getMessage());
        }
    }

    private void awaitWakeUp() {
        Heartbeats.waiting(config.pollInterval());
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

    /** Part of a batch was not acknowledged nor parked; the settled prefix is committed, the rest retried. */
    static final class OutboxPublishException extends RuntimeException {
        OutboxPublishException(int unsent) {
            super(unsent + " outbox rows not acknowledged by Kafka");
        }
    }
}
