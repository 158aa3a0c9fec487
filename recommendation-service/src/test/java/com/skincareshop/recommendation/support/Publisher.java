package com.skincareshop.recommendation.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.platform.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events as catalog-service and profile-service do, and as them: the contract records serialized by the
 * application's own ObjectMapper, with the CloudEvents headers the outbox relay writes (the same code), each topic
 * written by its owner's principal, which may write nothing else.
 */
public final class Publisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> catalog;
    private final KafkaProducer<String, byte[]> profiles;
    private final ObjectMapper json;

    public Publisher(KafkaBroker broker, ObjectMapper json) {
        this.json = json;
        this.catalog = producer(broker, KafkaAccess.CATALOG_SERVICE);
        this.profiles = producer(broker, KafkaAccess.PROFILE_SERVICE);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker broker, String principal) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public void product(ProductState product) {
        send(Topics.CATALOG_PRODUCTS, product.sku(), EventTypes.PRODUCT_CHANGED, bytes(product));
    }

    public void profile(SkinProfile profile) {
        send(Topics.PROFILES_SKIN, profile.customerId(), EventTypes.PROFILE_CHANGED, bytes(profile));
    }

    /** A profile published inside a trace: its record carries this W3C {@code traceparent}. */
    public void profile(SkinProfile profile, String traceparent) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.PROFILES_SKIN, profile.customerId(), bytes(profile));
        CloudEventHeaders.write(
                record.headers(),
                UUID.randomUUID(),
                EventTypes.PROFILE_CHANGED,
                "/test",
                profile.customerId(),
                Instant.now(),
                true);
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        deliver(record);
    }

    public void profile(String customerId, long version, Answers answers, String locale) {
        profile(new SkinProfile(customerId, version, 1, locale, answers, Instant.now()));
    }

    public void erase(String customerId) {
        send(Topics.PROFILES_SKIN, customerId, EventTypes.PROFILE_ERASED, null);
    }

    /** An erasure as profile-service publishes it: the tombstone names the version the erasure took. */
    public void erase(String customerId, long erasedVersion) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PROFILES_SKIN, customerId, null);
        CloudEventHeaders.write(
                record.headers(),
                UUID.randomUUID(),
                EventTypes.PROFILE_ERASED,
                "/test",
                customerId,
                Instant.now(),
                false);
        CloudEventHeaders.writeAggregateVersion(record.headers(), erasedVersion);
        deliver(record);
    }

    /** Anything at all, e.g. a poison message, on a topic of catalog-service or profile-service. */
    public void raw(String topic, String key, String type, byte[] value) {
        send(topic, key, type, value);
    }

    private void send(String topic, String key, String type, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (type != null) {
            CloudEventHeaders.write(
                    record.headers(), UUID.randomUUID(), type, "/test", key, Instant.now(), value != null);
        }
        deliver(record);
    }

    private void deliver(ProducerRecord<String, byte[]> record) {
        KafkaProducer<String, byte[]> producer = switch (record.topic()) {
            case Topics.CATALOG_PRODUCTS -> catalog;
            case Topics.PROFILES_SKIN -> profiles;
            default -> throw new IllegalArgumentException(record.topic() + " is no producer's topic");
        };
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        catalog.close();
        profiles.close();
    }
}
