package com.skincareshop.recommendation.events;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.kafka.DeadLetters;
import com.skincareshop.platform.kafka.KafkaClientConfig;
import com.skincareshop.platform.lifecycle.Daemons;
import com.skincareshop.platform.lifecycle.Heartbeats;
import com.skincareshop.recommendation.RecommendationConfig;
import com.skincareshop.recommendation.domain.CatalogueReadiness;
import com.skincareshop.recommendation.domain.RoutineDrift;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fills the {@link CatalogTable} from {@code catalog.products.v1}: every replica reads every partition from the
 * beginning (a global table, no consumer group) and keeps following it. Not caught up, and so not ready, until
 * it has read up to the end offsets that existed when it started. Once caught up, each newer version applied is
 * told to {@link RoutineDrift}; what the replay brought before is not (it reconciles once instead).
 */
@ApplicationScoped
public class CatalogTableLoader implements CatalogueReadiness {

    private static final Logger LOG = Logger.getLogger(CatalogTableLoader.class);

    private final CatalogTable table;
    private final RoutineDrift drift;
    private final String loopName;
    private final EventDecoder decoder;
    private final DeadLetters deadLetters;
    private final Map<String, Object> kafka;
    private final String serviceName;
    /** How often the loader asks whether partitions were added to the topic. */
    private final Duration partitionCheck;

    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread worker;

    @Inject
    public CatalogTableLoader(
            CatalogTable table,
            RoutineDrift drift,
            EventDecoder decoder,
            DeadLetters deadLetters,
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafka,
            MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name") String serviceName,
            RecommendationConfig config) {
        this(
                table,
                drift,
                decoder,
                deadLetters,
                kafka,
                metrics,
                serviceName,
                config.catalog().partitionCheck(),
                "catalog-table-loader");
    }

    /** A loader of its own table and drift worker, as a further replica would have; {@code loopName} names its thread. */
    public CatalogTableLoader(
            CatalogTable table,
            RoutineDrift drift,
            EventDecoder decoder,
            DeadLetters deadLetters,
            Map<String, Object> kafka,
            MeterRegistry metrics,
            String serviceName,
            Duration partitionCheck,
            String loopName) {
        this.partitionCheck = partitionCheck;
        this.table = table;
        this.drift = drift;
        this.loopName = loopName;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.serviceName = serviceName;
        Gauge.builder("catalog.table.products", table, CatalogTable::size)
                .description("Products in this replica's catalogue table")
                .register(metrics);
        Gauge.builder("catalog.table.digest", table, CatalogTable::digest)
                .description(
                        "Digest of the (sku, version) pairs in the table (CatalogDigest): compare with the catalogue's")
                .register(metrics);
        Gauge.builder("catalog.table.caught.up", this, l -> l.caughtUp ? 1 : 0)
                .description("1 once the table has read the topic up to its end at start-up")
                .register(metrics);
    }

    @Override
    public boolean caughtUp() {
        return caughtUp;
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    public void start() {
        running = true;
        // a poll returns within 0.5 s, broker or not: two minutes of silence is a stuck thread (liveness DOWN)
        worker = Daemons.start(loopName, Duration.ofMinutes(2), this::run);
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    KafkaClientConfig.of(
                            kafka,
                            Map.of(
                                    ConsumerConfig.CLIENT_ID_CONFIG, serviceName + "-" + loopName,
                                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                                    // the partition check reads the client's metadata: refresh it as often (default 5
                                    // min)
                                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, String.valueOf(partitionCheck.toMillis()))),
                    new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                this.consumer = consumer;
                follow(consumer);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Catalogue table consumer failed (%s: %s); reading again from the beginning",
                        e.getClass().getSimpleName(), e.getMessage());
                Daemons.pause(Duration.ofSeconds(2));
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = awaitPartitions(consumer);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
        Instant lastPartitionCheck = Instant.now();
        while (running) {
            Heartbeats.beat();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= endAtStart.get(p))) {
                caughtUp = true;
                drift.catalogueCaughtUp();
                LOG.infof("Catalogue table caught up: %d products", table.size());
            }
            if (Duration.between(lastPartitionCheck, Instant.now()).compareTo(partitionCheck) >= 0) {
                lastPartitionCheck = Instant.now();
                partitions = addNewPartitions(consumer, partitions);
            }
        }
    }

    /**
     * Partitions added to the topic since the table started are read from the beginning: with a fixed assignment
     * the consumer would never see them, and a sku's later values (a tombstone included) may land there.
     */
    private List<TopicPartition> addNewPartitions(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.CATALOG_PRODUCTS, Duration.ofSeconds(10));
        if (infos == null || infos.size() <= partitions.size()) {
            return partitions;
        }
        List<TopicPartition> all = infos.stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        List<TopicPartition> added =
                all.stream().filter(p -> !partitions.contains(p)).toList();
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(p -> positions.put(p, consumer.position(p)));
        consumer.assign(all);
        positions.forEach(consumer::seek); // the partitions already read go on where they were
        consumer.seekToBeginning(added);
        LOG.infof(
                "Topic %s has new partitions %s: reading them from the beginning",
                Topics.CATALOG_PRODUCTS,
                added.stream().map(TopicPartition::partition).toList());
        return all;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            ProductState product = decoder.product(record);
            boolean changed;
            if (product == null) {
                changed = table.find(record.key()).isPresent();
                table.remove(record.key());
            } else {
                changed = table.apply(product);
            }
            if (changed && caughtUp) {
                drift.productChanged(record.key());
            }
        } catch (EventDecoder.Poison poison) {
            deadLetters.park(
                    record,
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                    poison.getMessage());
        }
    }

    /** The topic belongs to catalog-service: wait for it rather than create it with the wrong settings. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> consumer) {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CATALOG_PRODUCTS, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .toList();
            }
            LOG.infof("Waiting for topic %s", Topics.CATALOG_PRODUCTS);
            Daemons.pause(Duration.ofSeconds(1));
        }
        throw new WakeupException();
    }
}
