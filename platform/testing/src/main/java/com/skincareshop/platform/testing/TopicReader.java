package com.skincareshop.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning of every partition, without a consumer group, as an auditor would: tests use
 * it to see exactly what a service published, as a principal that may read the topic (marketing for the issued
 * routines, say) or as the admin ({@link KafkaBroker#clientConfig}, {@link KafkaBroker#adminClientConfig}).
 */
public final class TopicReader {

    private TopicReader() {}

    /** A header's value as text, or null when the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads the records with this key until {@code done} holds for them or the timeout passes. */
    public static List<ConsumerRecord<String, String>> readKey(
            Map<String, Object> clientConfig,
            String topic,
            String key,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig)) {
            atTheBeginning(consumer, topic, deadline);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                }
                if (done.test(records)) {
                    return records;
                }
            }
        }
        return records;
    }

    /**
     * The records whose key is one of {@code keys}, read from the beginning to the end every partition had when
     * the read began: what is on the topic now, in one pass, however many keys are asked for.
     */
    public static List<ConsumerRecord<String, String>> readKeysToEnd(
            Map<String, Object> clientConfig, String topic, Set<String> keys, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig)) {
            List<TopicPartition> partitions = atTheBeginning(consumer, topic, deadline);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(topic + " was not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /** A consumer without a group that commits nothing. */
    private static KafkaConsumer<String, String> consumer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Assigns every partition of the topic (once it exists, until the deadline) at its beginning. */
    private static List<TopicPartition> atTheBeginning(
            KafkaConsumer<String, String> consumer, String topic, Instant deadline) {
        List<TopicPartition> partitions = new ArrayList<>();
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }
}
