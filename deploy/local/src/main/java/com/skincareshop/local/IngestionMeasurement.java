package com.skincareshop.local;

import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ingestion (issue 6, benchmark 3): profile events materialized per second by recommendation-service, against the
 * rate at which a bare Kafka consumer reads the same topic, in one run. The events are {@link SkinProfile} records
 * as profile-service publishes them (no marketing consent, so no routine is issued: this measures the read model).
 *
 * <p>Arguments: the repository root, the number of events (default 100,000).
 */
public final class IngestionMeasurement {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(
                        new NewTopic(Topics.CATALOG_PRODUCTS, 6, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                        new NewTopic(Topics.PROFILES_SKIN, 6, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                        .all().get();
            }
            long publishStart = System.nanoTime();
            DirectEvents.profiles(broker.bootstrapServers(), events, i -> new SkinProfile("c-ingest-" + i, 1, 1, "en",
                    new Answers(SkinType.values()[i % 4], i % 3 == 0, AgeBand.values()[i % 5], List.of(Concern.values()[i % 10]),
                            BigDecimal.valueOf(i % 9), false, List.of(), List.of(Area.FACE), null, false), null));
            System.out.printf("published %,d profile events in %.1f s%n", events, (System.nanoTime() - publishStart) / 1e9);

            double raw = rawConsumptionRate(broker.bootstrapServers(), events);
            System.out.printf("bare consumer:           %,10.0f events/s%n", raw);

            Stack.Service service = Stack.onFreePorts("bench_").get(2); // recommendation-service alone
            try (Stack stack = new Stack(root, root.resolve("deploy/local/target/ingestion-logs"), broker, List.of(service))
                    .provisionDatabases(true)) {
                stack.start();
                LocalPostgres postgres = LocalPostgres.fromEnvironment();
                long first = 0;
                long count = 0;
                try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("bench_recommendation"), "recommendation",
                        "recommendation")) {
                    while (count < events) {
                        Thread.sleep(20);
                        count = DirectEvents.materializedProfiles(db);
                        if (first == 0 && count > 0) {
                            first = System.nanoTime(); // the first row: the consumer has started (after the catalogue)
                        }
                    }
                }
                double seconds = (System.nanoTime() - first) / 1e9;
                double materialized = events / seconds;
                System.out.printf("recommendation-service:  %,10.0f events/s  (%,d rows in %.1f s; %.2f of the bare rate)%n",
                        materialized, events, seconds, materialized / raw);
            }
        }
    }

    private static double rawConsumptionRate(String bootstrapServers, int events) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "enable.auto.commit", "false", "max.poll.records", "2000"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROFILES_SKIN).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long read = 0;
            long bytes = 0;
            while (read < events) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    bytes += record.value().length; // touch the value, as a real consumer would
                    read++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bare consumer read %,d events (%,d bytes of JSON) in %.2f s%n", read, bytes, seconds);
            return read / seconds;
        }
    }
}
