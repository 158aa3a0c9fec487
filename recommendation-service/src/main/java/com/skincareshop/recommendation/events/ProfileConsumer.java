package com.skincareshop.recommendation.events;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.platform.kafka.DeadLetters;
import com.skincareshop.platform.kafka.KafkaClientConfig;
import com.skincareshop.platform.lifecycle.Daemons;
import com.skincareshop.platform.lifecycle.Heartbeats;
import com.skincareshop.platform.persistence.FailureDescription;
import com.skincareshop.platform.tracing.MessageTracing;
import com.skincareshop.recommendation.RecommendationConfig;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Keeps the profile read model in step with {@code profiles.skin.v1} (consumer group {@code recommendation-service}).
 *
 * <p>A poll's changes are applied in one database transaction and the offsets are committed only after it
 * committed: a crash in between replays the batch, which the version guard makes harmless. A record that cannot
 * be decoded or validated goes to the dead-letter topic (its coordinates, not its value); a batch the database
 * refuses is retried from the same offsets until it commits. Starts once the catalogue table has caught up, so no
 * routine is issued from half a catalogue.
 *
 * <p>{@code recommendation.profiles.consumers} workers (default 1) run side by side, each with its own consumer in
 * the group and its own transactions: the partitions are shared among them (and among replicas), so a customer's
 * changes stay in order. On 2 cores one worker is as fast as several (each then polls smaller batches); with
 * more cores, and PostgreSQL on its own machine, more overlap one worker's database round trip with another's
 * decoding (docs/PERFORMANCE.md, ingestion).
 */
@ApplicationScoped
public class ProfileConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileConsumer.class);
    static final String GROUP = KafkaAccess.RECOMMENDATION_GROUP;

    private final CustomerProfiles profiles;
    private final EventDecoder decoder;
    private final DeadLetters deadLetters;
    private final Map<String, Object> kafka;
    private final CatalogTableLoader catalog;
    private final MessageTracing tracing;
    private final int maxPollRecords;
    private final int workerCount;
    /**
     * How long the group waits for a member that stopped heartbeating before its partitions go to the others. A
     * replica killed without leaving (kill -9, a lost node) holds its partitions until then: Kafka's 45 s default
     * left a quarter of the customers' changes waiting that long in the fault run (docs/RELIABILITY.md).
     */
    private final Duration sessionTimeout;

    private volatile boolean running;
    private final Counter failedApplies;

    /** One consumer of the group and the thread that polls it. */
    private static final class Worker {
        private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(100);
        private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(5);

        private volatile KafkaConsumer<String, byte[]> consumer;
        private volatile double lag;
        private Thread thread;
        private Duration retryPause = FIRST_RETRY_PAUSE;
        /** Per partition, the highest offset parked: a batch retried after a database failure parks nothing twice. */
        private final Map<TopicPartition, Long> parkedThrough = new HashMap<>();

        Duration nextRetryPause() {
            Duration pause = retryPause;
            retryPause = pause.multipliedBy(2).compareTo(LONGEST_RETRY_PAUSE) > 0
                    ? LONGEST_RETRY_PAUSE
                    : pause.multipliedBy(2);
            return pause;
        }

        void applied() {
            retryPause = FIRST_RETRY_PAUSE;
        }

        void parkOnce(ConsumerRecord<String, byte[]> record, Runnable park) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() > parkedThrough.getOrDefault(partition, -1L)) {
                park.run();
                parkedThrough.put(partition, record.offset());
            }
        }
    }

    /** Replaced once, when they start: the lag gauge reads it from another thread. */
    private volatile List<Worker> workers = List.of();

    public ProfileConsumer(
            CustomerProfiles profiles,
            EventDecoder decoder,
            DeadLetters deadLetters,
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafka,
            CatalogTableLoader catalog,
            MessageTracing tracing,
            MeterRegistry metrics,
            RecommendationConfig config) {
        int maxPollRecords = config.profiles().maxPollRecords();
        int workerCount = config.profiles().consumers();
        Duration sessionTimeout = config.profiles().sessionTimeout();
        this.profiles = profiles;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.catalog = catalog;
        this.tracing = tracing;
        this.maxPollRecords = maxPollRecords;
        if (workerCount < 1) {
            throw new IllegalArgumentException("recommendation.profiles.consumers must be at least 1");
        }
        this.workerCount = workerCount;
        this.sessionTimeout = sessionTimeout;
        this.failedApplies = Counter.builder("profiles.consumer.failed.applies")
                .description("Batches of profile changes the database refused; each is retried, never parked")
                .register(metrics);
        Gauge.builder(
                        "profiles.consumer.lag",
                        this,
                        c -> c.workers.stream().mapToDouble(w -> w.lag).max().orElse(0))
                .description("Largest lag of the profile consumer over its partitions, in records")
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        List<Worker> started = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            Worker worker = new Worker();
            String clientId = GROUP + "-profiles-" + i;
            // one poll and one transaction per round; retries pause (which counts as alive): five minutes of
            // silence is a thread stuck in a call that never returns (liveness DOWN)
            worker.thread = Daemons.start("profile-consumer-" + i, Duration.ofMinutes(5), () -> run(worker, clientId));
            started.add(worker);
        }
        workers = List.copyOf(started);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        for (Worker worker : workers) {
            KafkaConsumer<String, byte[]> current = worker.consumer;
            if (current != null) {
                current.wakeup();
            }
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Worker worker, String clientId) {
        while (running && !catalog.caughtUp()) {
            Daemons.pause(Duration.ofMillis(200));
        }
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    KafkaClientConfig.of(
                            kafka,
                            Map.of(
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    GROUP,
                                    ConsumerConfig.CLIENT_ID_CONFIG,
                                    clientId,
                                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                    "false",
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest",
                                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                    String.valueOf(maxPollRecords),
                                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                                    String.valueOf(sessionTimeout.toMillis()),
                                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                                    String.valueOf(Math.max(1_000, sessionTimeout.toMillis() / 3)))),
                    new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                worker.consumer = consumer;
                consumer.subscribe(List.of(Topics.PROFILES_SKIN));
                while (running) {
                    Heartbeats.beat();
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        process(worker, consumer, records);
                    }
                    worker.lag = recordsLagMax(consumer);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Profile consumer failed (%s: %s); resuming from the last committed offsets",
                        e.getClass().getSimpleName(), e.getMessage());
                Daemons.pause(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * Parks what cannot be decoded or validated and applies the rest in one transaction. Every record that reaches
     * the database passed the decoder's checks, so a failure there is the database's (a failover, a dead
     * connection, a conflict with another transaction), whatever its SQLSTATE: the batch is retried, from the same
     * offsets and with a growing pause, and no valid event, erasures included, is ever parked.
     *
     * <p>Each record is processed in a CONSUMER span, child of the trace its headers carry; what it issues is written
     * with that span current, and the span ends once the offsets are committed.
     */
    private void process(
            Worker worker, KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        records.forEach(batch::add);
        List<CustomerProfiles.Change> changes = new ArrayList<>();
        List<Span> spans = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            Span span = tracing.startProcess(
                    record,
                    CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE)
                            .orElse(null));
            spans.add(span);
            try {
                changes.add(decoder.profile(record).traced(Context.root().with(span)));
            } catch (EventDecoder.Poison poison) {
                span.setStatus(StatusCode.ERROR, "parked on the dead-letter topic");
                worker.parkOnce(record, () -> park(record, poison.getMessage()));
            }
        }
        try {
            profiles.apply(changes);
        } catch (RuntimeException failure) {
            MessageTracing.failed(spans, failure);
            failedApplies.increment();
            Duration pause = worker.nextRetryPause();
            LOG.warnf(
                    "Could not apply %d profile changes (%s); retrying them in %d ms",
                    changes.size(), FailureDescription.of(failure), pause.toMillis());
            rewind(consumer, batch);
            Daemons.pause(pause);
            return;
        }
        worker.applied();
        commit(consumer, batch);
        spans.forEach(Span::end);
    }

    private void park(ConsumerRecord<String, byte[]> record, String error) {
        deadLetters.park(record, record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), error);
    }

    /**
     * Commits what was applied. A rebalance under way (another worker or replica joining) refuses the commit: the
     * effect is durable all the same, and whoever owns the partitions next replays from the last commit, which the
     * version guard makes harmless; the next poll joins the new assignment.
     */
    private static void commit(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(
                    new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets);
            } catch (RebalanceInProgressException | CommitFailedException e) {
                LOG.debugf(
                        "commit refused during a rebalance (%s); the records will be replayed",
                        e.getClass().getSimpleName());
            }
        }
    }

    private static void rewind(
            KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> unprocessed) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : unprocessed) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(consumer::seek);
    }

    private static double recordsLagMax(KafkaConsumer<String, byte[]> consumer) {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            if (metric.getKey().name().equals("records-lag-max")
                    && metric.getKey().tags().get("topic") == null) {
                Object value = metric.getValue().metricValue();
                return value instanceof Double d && !d.isNaN() ? d : 0;
            }
        }
        return 0;
    }
}
