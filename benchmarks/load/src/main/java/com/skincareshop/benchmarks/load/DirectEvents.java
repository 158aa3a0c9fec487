package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events put on the topics straight away, as the producers' relays publish them (the same key, value and
 * CloudEvents headers): the quick way to give recommendation-service a large catalogue table or read model
 * without waiting for catalog-service or profile-service to store every row first.
 */
final class DirectEvents {

    /** ISO-8601 instants, as the services write them. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private DirectEvents() {}

    /** Profiles 0 to count - 1, as profile-service publishes them; returns once the broker acknowledged them all. */
    static void profiles(KafkaBroker broker, int count, IntFunction<SkinProfile> profile) throws Exception {
        send(broker, profileRecords(count, profile));
    }

    /** Products as catalog-service publishes them (their actives derived by the same InciDictionary). */
    static void products(KafkaBroker broker, List<ProductState> products) throws Exception {
        send(
                broker,
                records(
                        Topics.CATALOG_PRODUCTS,
                        EventTypes.PRODUCT_CHANGED,
                        "/catalog-service",
                        products.size(),
                        i -> Map.entry(products.get(i).sku(), products.get(i))));
    }

    /** Profiles as profile-service publishes them, built but not sent: {@link #send} them when it matters how fast. */
    static List<ProducerRecord<String, byte[]>> profileRecords(int count, IntFunction<SkinProfile> profile)
            throws Exception {
        return records(Topics.PROFILES_SKIN, EventTypes.PROFILE_CHANGED, "/profile-service", count, i -> {
            SkinProfile value = profile.apply(i);
            return Map.entry(value.customerId(), value);
        });
    }

    private static List<ProducerRecord<String, byte[]>> records(
            String topic, String type, String source, int count, IntFunction<Map.Entry<String, Object>> event)
            throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(topic, type, source, event.apply(i)));
        }
        return records;
    }

    /**
     * Sends the records (all of one topic) as the topic's owner, catalog-service or profile-service, and returns
     * once the broker acknowledged them all.
     */
    static void send(KafkaBroker broker, List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        String owner = records.get(0).topic().equals(Topics.CATALOG_PRODUCTS)
                ? KafkaAccess.CATALOG_SERVICE
                : KafkaAccess.PROFILE_SERVICE;
        Map<String, Object> config = new HashMap<>(broker.clientConfig(owner));
        config.putAll(Map.of("acks", "all", "linger.ms", "20", "batch.size", "262144"));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
        }
    }

    private static ProducerRecord<String, byte[]> record(
            String topic, String type, String source, Map.Entry<String, Object> keyAndValue) throws Exception {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, keyAndValue.getKey(), JSON.writeValueAsBytes(keyAndValue.getValue()));
        record.headers()
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", source.getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", keyAndValue.getKey().getBytes(StandardCharsets.UTF_8))
                .add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The profiles recommendation-service holds (its read model), or 0 before its schema is migrated. */
    static long materializedProfiles(Connection recommendationDb) {
        try (ResultSet result =
                recommendationDb.createStatement().executeQuery("select count(*) from customer_profile")) {
            result.next();
            return result.getLong(1);
        } catch (Exception e) {
            return 0;
        }
    }
}
