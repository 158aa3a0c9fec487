package com.skincareshop.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks a message a consumer cannot process on {@code <topic>.dlq}: the original key, value and headers, plus
 * why and where it came from ({@code dlq.*} headers). The send is acknowledged before it returns, so the consumer
 * may commit the offset past the message without losing it.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaSettings kafka;
    private final MeterRegistry metrics;
    private final String serviceName;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(KafkaSettings kafka, MeterRegistry metrics,
                       @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.serviceName = serviceName;
    }

    public void park(ConsumerRecord<?, byte[]> record, byte[] key, String error) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(
                com.skincareshop.contracts.events.Topics.deadLetterOf(record.topic()), null, key, record.value());
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
        LOG.warnf("Parked %s-%d@%d on %s: %s", record.topic(), record.partition(), record.offset(), dead.topic(), error);
    }

    private static void put(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-dlq",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000")),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
