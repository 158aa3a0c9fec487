package com.skincareshop.recommendation.events;

import static com.skincareshop.platform.testing.TopicReader.header;
import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.recommendation.RoutineIssued;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.TopicReader;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import com.skincareshop.recommendation.domain.RecommendationIssuer;
import com.skincareshop.recommendation.domain.RecommendationSnapshot;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.Publisher;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read models as fed by the producers' events through the real broker. */
@RecommendationTest
class ConsumersTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Inject
    RecommendationIssuer issuer;

    @Inject
    CustomerProfiles profiles;

    private Publisher publisher;

    @BeforeEach
    void baseline() {
        Baseline.ensure(broker, json, table);
        publisher = new Publisher(broker, json);
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    static Answers answers(List<Concern> concerns, boolean consent) {
        return new Answers(
                SkinType.NORMAL,
                false,
                AgeBand.AGE_25_34,
                concerns,
                BigDecimal.ONE,
                false,
                List.of(),
                List.of(Area.FACE),
                null,
                consent);
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static Response routine(String customer) {
        return given().auth()
                .oauth2(DevTokens.storefrontFor(customer))
                .when()
                .get("/api/recommendations/{id}", customer);
    }

    private static JsonPath awaitRoutine(String customer, Predicate<JsonPath> until) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Response response = routine(customer);
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    last[0] = response.jsonPath();
                    return until.test(last[0]);
                });
        return last[0];
    }

    private static List<String> skus(JsonPath routine) {
        List<String> skus = new ArrayList<>(routine.getList("am.product.sku", String.class));
        skus.addAll(routine.getList("pm.product.sku", String.class));
        return skus;
    }

    @Test
    void duplicatesAndOlderVersionsChangeNothing() {
        String customer = newCustomer();
        publisher.profile(customer, 2, answers(List.of(Concern.FINE_LINES), true), "en");
        publisher.profile(customer, 1, answers(List.of(Concern.DARK_SPOTS), true), "en"); // late and older
        publisher.profile(customer, 2, answers(List.of(Concern.FINE_LINES), true), "en"); // a duplicate
        publisher.profile(customer, 3, answers(List.of(Concern.FINE_LINES, Concern.DEHYDRATION), true), "en");

        awaitRoutine(customer, r -> r.getLong("profileVersion") == 3);
        // the older and the repeated event issued nothing; v2 is issued on its own unless it shared a poll with v3,
        // which supersedes it (the batch keeps each customer's newest state)
        List<Long> issued = issuer.snapshots(customer).stream()
                .map(RecommendationSnapshot::profileVersion)
                .toList();
        assertThat(issued).doesNotHaveDuplicates().doesNotContain(1L).endsWith(3L);
        assertThat(issued).isSubsetOf(2L, 3L);
    }

    @Test
    void anErasureBetweenVersionsInOneBatchIsAppliedInOrder() {
        String customer = newCustomer();
        publisher.profile(customer, 1, answers(List.of(Concern.DARK_SPOTS), false), "en");
        publisher.erase(customer, 2);
        publisher.profile(customer, 3, answers(List.of(Concern.FINE_LINES), false), "en"); // a new life, versions go on
        String marker = newCustomer();
        publisher.profile(marker, 1, answers(List.of(Concern.DARK_SPOTS), false), "en");

        awaitRoutine(marker, r -> true);
        JsonPath routine = awaitRoutine(customer, r -> true);
        assertThat(routine.getLong("profileVersion")).isEqualTo(3);
        assertThat(routine.getString("am.find { it.slot == 'SERUM' }.product.sku"))
                .as("built from the answers given after the erasure")
                .isNotEqualTo("B-SER-C15");
    }

    @Test
    void aProfileBeforeAnyMatchingProductIsServedOnceProductsArrive() {
        String customer = newCustomer();
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Answers handsOnly = new Answers(
                SkinType.DRY,
                false,
                AgeBand.AGE_45_54,
                List.of(Concern.ACNE_SCARS),
                BigDecimal.ONE,
                false,
                List.of(),
                List.of(Area.HANDS),
                null,
                true);
        publisher.profile(customer, 1, handsOnly, "en");

        JsonPath empty = awaitRoutine(customer, r -> true);
        assertThat(empty.getList("am")).isEmpty();
        assertThat(empty.getList("warnings.code", String.class)).contains("SLOT_UNFILLED");
        // the customer consents: the routine without a product is issued too, as its golden sample says (with the
        // revision and cause every record now has)
        ConsumerRecord<String, String> issued = TopicReader.readKey(
                        broker.clientConfig(KafkaAccess.MARKETING),
                        Topics.RECOMMENDATIONS_ISSUED,
                        customer,
                        r -> !r.isEmpty(),
                        Duration.ofSeconds(30))
                .get(0);
        EventContracts.assertMatchesSample(
                Topics.RECOMMENDATIONS_ISSUED, "routine-without-steps-revised.json", issued.value());

        publisher.product(product("H-SER-" + suffix, Category.SERUM, "28.00")
                .inci("Ascorbic Acid", "10")
                .areas(Area.HANDS)
                .build());
        publisher.product(product("H-MST-" + suffix, Category.MOISTURIZER, "12.00")
                .areas(Area.HANDS)
                .build());
        publisher.product(product("H-SUN-" + suffix, Category.SUNSCREEN, "13.00")
                .spf(30)
                .areas(Area.HANDS)
                .build());

        JsonPath served = awaitRoutine(customer, r -> r.getList("am").size() == 3);
        assertThat(served.getList("am.product.sku", String.class))
                .containsExactly("H-SER-" + suffix, "H-MST-" + suffix, "H-SUN-" + suffix);
    }

    @Test
    void aDiscontinuedOrSoldOutProductLeavesTheNextRoutine() {
        String customer = newCustomer();
        publisher.profile(customer, 1, answers(List.of(Concern.ENLARGED_PORES), false), "en");
        JsonPath before = awaitRoutine(customer, r -> true);
        String serum = before.getString("am.find { it.slot == 'SERUM' }.product.sku");
        if (serum == null) {
            serum = before.getString("pm.find { it.slot == 'SERUM' }.product.sku");
        }
        assertThat(serum).as("a serum for enlarged pores").isNotNull();
        ProductState recommended = table.find(serum).orElseThrow();

        publisher.product(Baseline.changed(recommended, ProductStatus.DISCONTINUED, recommended.stock(), "21.00"));
        String gone = serum;
        JsonPath after = awaitRoutine(customer, r -> !skus(r).contains(gone));
        assertThat(skus(after)).doesNotContain(gone);

        // and back on sale, but out of stock: still not recommended
        ProductState discontinued = table.find(serum).orElseThrow();
        publisher.product(Baseline.changed(discontinued, ProductStatus.ACTIVE, 0, "21.00"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> table.find(gone).orElseThrow().version() == discontinued.version() + 1);
        assertThat(skus(routine(customer).jsonPath())).doesNotContain(gone);
        publisher.product(Baseline.changed(table.find(gone).orElseThrow(), ProductStatus.ACTIVE, 9, "21.00"));
        awaitRoutine(customer, r -> skus(r).contains(gone));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumersGoOn() {
        String poisoned = newCustomer();
        publisher.raw(
                Topics.PROFILES_SKIN,
                poisoned,
                EventTypes.PROFILE_CHANGED,
                "{not json".getBytes(StandardCharsets.UTF_8));
        String unknownType = newCustomer();
        publisher.raw(
                Topics.PROFILES_SKIN, unknownType, "com.example.mystery.v9", "{}".getBytes(StandardCharsets.UTF_8));
        String wrongKey = newCustomer();
        publisher.raw(Topics.PROFILES_SKIN, wrongKey, EventTypes.PROFILE_CHANGED, profileJson("someone-else"));
        String healthy = newCustomer();
        publisher.profile(healthy, 1, answers(List.of(Concern.DARK_SPOTS), false), "en");

        awaitRoutine(healthy, r -> true); // the consumer went on past the poison
        for (String key : List.of(poisoned, unknownType, wrongKey)) {
            List<ConsumerRecord<String, String>> parked = TopicReader.readKey(
                    broker.adminClientConfig(),
                    Topics.deadLetterOf(Topics.PROFILES_SKIN),
                    key,
                    r -> !r.isEmpty(),
                    Duration.ofSeconds(30));
            assertThat(parked).as("parked " + key).hasSize(1);
            assertThat(header(parked.get(0), "dlq.error")).isNotBlank();
            assertThat(header(parked.get(0), "dlq.topic")).isEqualTo(Topics.PROFILES_SKIN);
            assertThat(header(parked.get(0), "dlq.consumer")).isEqualTo("recommendation-service");
            EventContracts.assertMatchesSample(
                    Topics.deadLetterOf(Topics.PROFILES_SKIN),
                    "invalid-answers.json",
                    parked.get(0).value());
            EventContracts.assertHeaders(parked.get(0), "deadLetter");
            routine(key).then().statusCode(404);
        }

        String badSku = "P-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        publisher.raw(
                Topics.CATALOG_PRODUCTS, badSku, EventTypes.PRODUCT_CHANGED, "[1,2]".getBytes(StandardCharsets.UTF_8));
        String goodSku = "P-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        publisher.product(product(goodSku, Category.CLEANSER, "99.00").build());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> table.find(goodSku).isPresent());
        assertThat(table.find(badSku)).isEmpty();
        List<ConsumerRecord<String, String>> parkedProduct = TopicReader.readKey(
                broker.adminClientConfig(),
                Topics.deadLetterOf(Topics.CATALOG_PRODUCTS),
                badSku,
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(parkedProduct).hasSize(1);
        EventContracts.assertMatchesSample(
                Topics.deadLetterOf(Topics.CATALOG_PRODUCTS),
                "malformed-json.json",
                parkedProduct.get(0).value());
        EventContracts.assertHeaders(parkedProduct.get(0), "deadLetter");
    }

    @Test
    void consentingCustomersAreIssuedTheirRoutineAndOthersAreNot() throws Exception {
        String consenting = newCustomer();
        String private_ = newCustomer();
        publisher.profile(private_, 1, answers(List.of(Concern.DARK_SPOTS), false), "lv");
        publisher.profile(consenting, 1, answers(List.of(Concern.DARK_SPOTS), true), "lv");

        List<ConsumerRecord<String, String>> issued = TopicReader.readKey(
                broker.clientConfig(KafkaAccess.MARKETING),
                Topics.RECOMMENDATIONS_ISSUED,
                consenting,
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(issued).hasSize(1);
        assertThat(header(issued.get(0), "ce_type")).isEqualTo(EventTypes.ROUTINE_ISSUED);
        assertThat(header(issued.get(0), "ce_source")).isEqualTo("/recommendation-service");
        RoutineIssued event = json.readValue(issued.get(0).value(), RoutineIssued.class);
        assertThat(event.customerId()).isEqualTo(consenting);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.steps()).extracting(RoutineIssued.IssuedStep::sku).contains("B-SER-C15", "B-SUN30");
        assertThat(event.steps())
                .allSatisfy(step -> assertThat(step.productVersion()).isPositive());
        assertThat(issued.get(0).value())
                .as("products only, nothing derived from the answers")
                .doesNotContain("DARK_SPOTS", "skinType", "warning", "reason", "minimumSpf", "approach");
        EventContracts.assertMatchesSample(
                Topics.RECOMMENDATIONS_ISSUED,
                "routine-revised.json",
                issued.get(0).value());
        assertThat(event.cause()).isEqualTo(RoutineIssued.Cause.PROFILE);
        EventContracts.assertHeaders(issued.get(0), "routineIssued");
        RecommendationSnapshot snapshot = issuer.snapshots(consenting).get(0);
        assertThat(snapshot.productVersions()).containsKey("B-SER-C15");

        awaitRoutine(private_, r -> true);
        assertThat(issuer.snapshots(private_)).isEmpty();
        assertThat(TopicReader.readKey(
                        broker.clientConfig(KafkaAccess.MARKETING),
                        Topics.RECOMMENDATIONS_ISSUED,
                        private_,
                        r -> !r.isEmpty(),
                        Duration.ofSeconds(3)))
                .isEmpty();

        // consent withdrawn: what was issued is deleted here and a tombstone tells the pipeline
        publisher.profile(consenting, 2, answers(List.of(Concern.DARK_SPOTS), false), "lv");
        List<ConsumerRecord<String, String>> withdrawn = TopicReader.readKey(
                broker.clientConfig(KafkaAccess.MARKETING),
                Topics.RECOMMENDATIONS_ISSUED,
                consenting,
                r -> r.size() == 2,
                Duration.ofSeconds(30));
        assertThat(withdrawn.get(1).value()).isNull();
        EventContracts.assertHeaders(withdrawn.get(1), "routineWithdrawn");
        assertThat(issuer.snapshots(consenting)).isEmpty();
    }

    @Test
    void erasureRemovesTheCustomerEverywhere() {
        String customer = newCustomer();
        publisher.profile(customer, 1, answers(List.of(Concern.DARK_SPOTS), true), "en");
        awaitRoutine(customer, r -> true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !issuer.snapshots(customer).isEmpty());

        publisher.erase(customer);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> routine(customer).statusCode() == 404);
        assertThat(issuer.snapshots(customer)).isEmpty();
        List<ConsumerRecord<String, String>> issued = TopicReader.readKey(
                broker.clientConfig(KafkaAccess.MARKETING),
                Topics.RECOMMENDATIONS_ISSUED,
                customer,
                r -> !r.isEmpty() && r.get(r.size() - 1).value() == null,
                Duration.ofSeconds(30));
        assertThat(issued.get(issued.size() - 1).value()).isNull();
        assertThat(header(issued.get(issued.size() - 1), "ce_type")).isEqualTo(EventTypes.ROUTINE_WITHDRAWN);
        EventContracts.assertHeaders(issued.get(issued.size() - 1), "routineWithdrawn");
        issued.subList(0, issued.size() - 1).forEach(routine -> {
            EventContracts.assertMatchesSample(Topics.RECOMMENDATIONS_ISSUED, "routine-revised.json", routine.value());
            EventContracts.assertHeaders(routine, "routineIssued");
        });
    }

    /**
     * One transaction, as one poll gives it: a routine issued and then erased (or its consent withdrawn) within it
     * leaves no snapshot, though the snapshot was only persisted, not yet written, when the erasure came.
     */
    @Test
    void whatIsIssuedAndErasedInOneBatchLeavesNothing() {
        String erased = newCustomer();
        String withdrawn = newCustomer();
        String other = newCustomer();
        profiles.apply(List.of(
                change(erased, 1, true),
                change(withdrawn, 1, true),
                CustomerProfiles.Change.erasure(erased, 2),
                CustomerProfiles.Change.erasure(
                        other,
                        CustomerProfiles.Change
                                .UNKNOWN_VERSION), // splits the batch: withdrawn's next version comes in a new run
                change(withdrawn, 2, false)));

        assertThat(issuer.snapshots(erased)).isEmpty();
        assertThat(issuer.snapshots(withdrawn)).isEmpty();
        assertThat(profiles.find(erased)).isEmpty();
        assertThat(profiles.find(withdrawn).orElseThrow().version()).isEqualTo(2);
        // both were issued, then told to forget: the newest record of each is a tombstone
        for (String customer : List.of(erased, withdrawn)) {
            List<ConsumerRecord<String, String>> issued = TopicReader.readKey(
                    broker.clientConfig(KafkaAccess.MARKETING),
                    Topics.RECOMMENDATIONS_ISSUED,
                    customer,
                    r -> !r.isEmpty() && r.get(r.size() - 1).value() == null,
                    Duration.ofSeconds(30));
            assertThat(issued.get(issued.size() - 1).value()).as(customer).isNull();
        }
    }

    private static CustomerProfiles.Change change(String customer, long version, boolean consent) {
        return CustomerProfiles.Change.of(new SkinProfile(
                customer, version, 1, "en", answers(List.of(Concern.DARK_SPOTS), consent), Instant.now()));
    }

    private byte[] profileJson(String customerId) {
        try {
            return json.writeValueAsBytes(new SkinProfile(
                    customerId, 1, 1, "en", answers(List.of(Concern.DARK_SPOTS), false), Instant.now()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
