package com.skincareshop.platform.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Parks a message a consumer cannot process on {@code <topic>.dlq}: where it is (source topic, partition, offset),
 * its key and headers, and why, but not its value. Values may hold a customer's answers, and a dead letter
 * outlives erasure; the original stays readable at its offset on the source topic, which erasure does reach (a
 * tombstone, then compaction). The send is acknowledged before it returns, so the consumer may commit the offset
 * past the message without losing track of it.
 *
 * <p>The dead letter's value is a small JSON document with the same coordinates as the {@code dlq.*} headers, so
 * that an operator's console shows them without decoding headers.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DLQ_SUFFIX = Topics.deadLetterOf("");

    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private final String serviceName;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafka,
            MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.serviceName = serviceName;
    }

    /**
     * A zero {@code dlq_messages_total} for every topic whose dead-letter topic this service owns, from the start: an
     * alert on the counter's increase sees the first dead letter, which a series born at 1 would hide.
     */
    void registerCounters(@Observes StartupEvent event, KafkaTopicsConfig topics) {
        topics.topics().keySet().stream()
                .filter(topic -> topic.endsWith(DLQ_SUFFIX))
                .map(topic -> topic.substring(0, topic.length() - DLQ_SUFFIX.length()))
                .forEach(source -> metrics.counter("dlq.messages", "topic", source));
    }

    public void park(ConsumerRecord<?, byte[]> record, byte[] key, String error) {
        ProducerRecord<byte[], byte[]> dead =
                new ProducerRecord<>(Topics.deadLetterOf(record.topic()), null, key, coordinates(record, error));
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        put(dead, "dlq.error", error);
        put(dead, "dlq.topic", record.topic());
        put(dead, "dlq.partition", String.valueOf(record.partition()));
        put(dead, "dlq.offset", String.valueOf(record.offset()));
        put(dead, "dlq.consumer", serviceName);
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a message", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not park a message on " + dead.topic(), e);
        }
        metrics.counter("dlq.messages", "topic", record.topic()).increment();
        // the error names the problem, never the content: values may hold personal data
        LOG.warnf(
                "Parked %s-%d@%d on %s: %s", record.topic(), record.partition(), record.offset(), dead.topic(), error);
    }

    private byte[] coordinates(ConsumerRecord<?, byte[]> record, String error) {
        Map<String, Object> coordinates = new LinkedHashMap<>();
        coordinates.put("topic", record.topic());
        coordinates.put("partition", record.partition());
        coordinates.put("offset", record.offset());
        coordinates.put("valueBytes", record.value() == null ? 0 : record.value().length);
        coordinates.put("error", error);
        coordinates.put("consumer", serviceName);
        try {
            return JSON.writeValueAsBytes(coordinates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead-letter coordinates cannot be serialized", e);
        }
    }

    private static void put(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    KafkaClientConfig.of(
                            kafka,
                            Map.of(
                                    ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-dlq",
                                    ProducerConfig.ACKS_CONFIG, "all",
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000")),
                    new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
