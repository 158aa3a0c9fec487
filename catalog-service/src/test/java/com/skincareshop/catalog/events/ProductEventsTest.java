package com.skincareshop.catalog.events;

import static com.skincareshop.platform.testing.TopicReader.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.Readiness;
import com.skincareshop.platform.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What reaches {@code catalog.products.v1}, read back from the real broker. */
@CatalogTest
class ProductEventsTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry metrics;

    /** Events flow once the service is ready: its topics exist. */
    @BeforeEach
    void serviceIsReady() {
        Readiness.await();
    }

    private long unsentOutboxRows(List<String> keys) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) entityManager
                .createQuery("select count(e) from OutboxEvent e where e.sentAt is null and e.key in :keys")
                .setParameter("keys", keys)
                .getSingleResult());
    }

    private double publishFailures() {
        return metrics.counter("outbox.publish.failures").count();
    }

    private static void put(String sku, Map<String, Object> body, int status) {
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(status);
    }

    private List<ConsumerRecord<String, String>> awaitVersions(String sku, int lastVersion, Duration timeout) {
        return TopicReader.readKey(
                broker.clientConfig(KafkaAccess.RECOMMENDATION_SERVICE),
                Topics.CATALOG_PRODUCTS,
                sku,
                records -> !records.isEmpty() && versionOf(records.get(records.size() - 1)) == lastVersion,
                timeout);
    }

    private long versionOf(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), ProductState.class).version();
        } catch (Exception e) {
            throw new AssertionError("not a ProductState: " + record.value(), e);
        }
    }

    @Test
    void everyChangePublishesTheFullStateInVersionOrder() throws Exception {
        String sku = Products.uniqueSku("EVT");
        Map<String, Object> serum = Products.vitaminCSerum("events");
        put(sku, serum, 201);
        put(sku, serum, 200); // unchanged: no event
        serum.put("stock", 3);
        put(sku, serum, 200);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .when()
                .delete("/api/products/{sku}", sku)
                .then()
                .statusCode(204);

        List<ConsumerRecord<String, String>> records = awaitVersions(sku, 3, Duration.ofSeconds(30));

        assertThat(records).extracting(this::versionOf).containsExactly(1L, 2L, 3L);
        ConsumerRecord<String, String> first = records.get(0);
        assertThat(first.key()).isEqualTo(sku);
        assertThat(UUID.fromString(header(first, "ce_id"))).isNotNull();
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_type")).isEqualTo(EventTypes.PRODUCT_CHANGED);
        assertThat(header(first, "ce_source")).isEqualTo("/catalog-service");
        assertThat(header(first, "ce_subject")).isEqualTo(sku);
        assertThat(Instant.parse(header(first, "ce_time")))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        assertThat(records).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();

        ProductState created = json.readValue(first.value(), ProductState.class);
        assertThat(created.sku()).isEqualTo(sku);
        assertThat(created.names()).containsEntry("lv", "Bright C 15 serums events");
        assertThat(created.ingredients()).hasSize(4);
        assertThat(created.actives()).extracting(a -> a.code().name()).contains("VITAMIN_C", "HYALURONIC_ACID");
        assertThat(created.price().amount()).isEqualByComparingTo("39.90");
        assertThat(created.stock()).isEqualTo(25);

        ProductState last = json.readValue(records.get(2).value(), ProductState.class);
        assertThat(last.status()).isEqualTo(ProductStatus.DISCONTINUED);
        assertThat(last.stock()).isEqualTo(3);

        // the contract: each value as its schema and golden sample say, each record's headers as asyncapi.yaml says
        EventContracts.assertMatchesSample(
                Topics.CATALOG_PRODUCTS, "serum.json", records.get(0).value());
        EventContracts.assertMatchesSample(
                Topics.CATALOG_PRODUCTS, "serum.json", records.get(1).value());
        EventContracts.assertMatchesSample(
                Topics.CATALOG_PRODUCTS,
                "serum-discontinued.json",
                records.get(2).value());
        records.forEach(record -> EventContracts.assertHeaders(record, "productChanged"));
    }

    /**
     * The golden sample is what the catalogue publishes: the merchandiser's fields of a sample, PUT as a product,
     * come back on the topic as that very sample (derived actives, fragrance and unknown names, numbers as written,
     * absent optional fields), but for the sku, version and time of this run.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "serum.json",
                "serum-discontinued.json",
                "sunscreen-english-only.json",
                "cleanser-without-texture.json",
                "moisturizer-with-spf.json"
            })
    void aProductIsPublishedAsItsGoldenSample(String sample) throws Exception {
        ObjectNode body = EventContracts.sample(Topics.CATALOG_PRODUCTS, sample).deepCopy();
        body.remove("sku"); // the catalogue manages the rest of what it publishes, and ignores it in a PUT
        String sku = Products.uniqueSku("GOLD");
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(body.toString())
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(201);

        ConsumerRecord<String, String> record =
                awaitVersions(sku, 1, Duration.ofSeconds(30)).get(0);
        EventContracts.assertMatchesSample(Topics.CATALOG_PRODUCTS, sample, record.value());
        EventContracts.assertHeaders(record, "productChanged");
        JsonNode published =
                EventContracts.sample(Topics.CATALOG_PRODUCTS, sample).deepCopy();
        ((ObjectNode) published)
                .setAll(Map.of(
                        "sku",
                        json.getNodeFactory().textNode(sku),
                        "version",
                        json.getNodeFactory().numberNode(1),
                        "updatedAt",
                        json.getNodeFactory()
                                .textNode(json.readTree(record.value())
                                        .get("updatedAt")
                                        .asText())));
        assertThat(json.readTree(record.value())).isEqualTo(published);
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryChangeArrivesInOrderAfterwards() {
        List<String> skus = List.of(Products.uniqueSku("OUT"), Products.uniqueSku("OUT"), Products.uniqueSku("OUT"));
        Map<String, Object> serum = Products.vitaminCSerum("outage");
        double failuresBefore = publishFailures();
        broker.stop();
        try {
            // a burst of writes: 3 products x 4 versions, all accepted while Kafka is unreachable
            for (int stock = 1; stock <= 4; stock++) {
                serum.put("stock", stock);
                for (String sku : skus) {
                    put(sku, serum, stock == 1 ? 201 : 200);
                }
            }
            // the relay tried, failed, and kept every row
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> publishFailures() > failuresBefore);
            assertThat(unsentOutboxRows(skus)).isEqualTo(12);
            Management.given().when().get("/q/health/ready").then().statusCode(200);
        } finally {
            broker.start();
        }

        for (String sku : skus) {
            List<ConsumerRecord<String, String>> records = awaitVersions(sku, 4, Duration.ofSeconds(90));
            List<Long> versions =
                    new ArrayList<>(records.stream().map(this::versionOf).toList());
            // at-least-once: a resend may repeat versions, but the first arrival of each is in order and none is lost
            assertThat(new ArrayList<>(new LinkedHashSet<>(versions)))
                    .as("versions of %s", sku)
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(versions.get(versions.size() - 1)).isEqualTo(4L);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unsentOutboxRows(skus) == 0);
    }
}
