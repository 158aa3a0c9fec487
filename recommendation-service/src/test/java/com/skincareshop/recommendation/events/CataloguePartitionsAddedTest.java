package com.skincareshop.recommendation.events;

import static com.skincareshop.recommendation.engine.TestCatalog.product;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.KafkaBrokerResource;
import com.skincareshop.platform.testing.PostgresResource;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Partitions added to {@code catalog.products.v1} while the service runs are read from their beginning. Its own
 * broker (the topic cannot shrink again) and a partition check every second.
 */
@QuarkusTest
@TestProfile(CataloguePartitionsAddedTest.CheckEverySecond.class)
@WithTestResource(
        value = KafkaBrokerResource.class,
        initArgs = {
            @ResourceArg(name = "principal", value = KafkaAccess.RECOMMENDATION_SERVICE),
            @ResourceArg(name = "topics", value = RecommendationTest.PRODUCERS_TOPICS)
        },
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "service", value = "recommendation"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CataloguePartitionsAddedTest {

    public static class CheckEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommendation.catalog.partition-check", "1s");
        }
    }

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Test
    void productsOnPartitionsAddedLaterReachTheCatalogueTable() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> table.size() >= 0 && topicExists());
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            int before = admin.describeTopics(List.of(Topics.CATALOG_PRODUCTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.CATALOG_PRODUCTS)
                    .partitions()
                    .size();
            admin.createPartitions(Map.of(Topics.CATALOG_PRODUCTS, NewPartitions.increaseTo(before + 2)))
                    .all()
                    .get();

            String sku = "P-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            // partitions are an operator's change (the admin); the product comes from catalog-service
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    broker.clientConfig(KafkaAccess.CATALOG_SERVICE),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                        Topics.CATALOG_PRODUCTS,
                        before + 1,
                        sku,
                        json.writeValueAsBytes(
                                product(sku, Category.CLEANSER, "9.00").build()));
                CloudEventHeaders.write(
                        record.headers(),
                        UUID.randomUUID(),
                        EventTypes.PRODUCT_CHANGED,
                        "/test",
                        sku,
                        Instant.now(),
                        true);
                producer.send(record).get();
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> table.find(sku).isPresent());
        }
    }

    private boolean topicExists() throws Exception {
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            return admin.listTopics().names().get().contains(Topics.CATALOG_PRODUCTS);
        }
    }
}
