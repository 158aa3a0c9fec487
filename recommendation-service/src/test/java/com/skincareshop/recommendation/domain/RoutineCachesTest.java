package com.skincareshop.recommendation.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.Publisher;
import com.skincareshop.recommendation.support.RecommendationTest;
import com.skincareshop.recommendation.support.StoredCustomers;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caches in front of a stored customer's routine (the profile read, the built routine) against every input
 * they hold for: a profile row written by any replica, a catalogue change a routine could use, the locale, and
 * the announcements' connection failing. Each change is seen by the next request, or, for a row another replica
 * wrote, once its announcement arrives (milliseconds after commit).
 */
@RecommendationTest
class RoutineCachesTest {

    /** How long an announcement may take, commit to eviction, before the test calls it lost. */
    private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(2);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CustomerProfileCache profiles;

    @Inject
    RoutineCache routines;

    private String customer;

    @BeforeEach
    void aStoredCustomer() {
        Baseline.ensure(broker, json, table);
        await().atMost(Duration.ofSeconds(10)).until(profiles::listening);
        customer = StoredCustomers.withProfile(
                broker,
                json,
                "cache-",
                1,
                new Answers(
                        SkinType.OILY,
                        false,
                        AgeBand.AGE_35_44,
                        List.of(Concern.DARK_SPOTS, Concern.ENLARGED_PORES),
                        BigDecimal.ONE,
                        false,
                        List.of(),
                        List.of(Area.FACE),
                        null,
                        false),
                "en",
                "/api/recommendations/{id}");
    }

    private JsonPath routine(String query) {
        return given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/v2/recommendations/{id}" + query, customer)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aRepeatedRequestIsServedFromTheCachesAndStaysTheSame() {
        String first = routine("").prettify();
        long held = routines.size();
        assertThat(routine("").prettify()).isEqualTo(first);
        assertThat(routines.size()).isEqualTo(held);
        assertThat(profiles.size()).isPositive();
    }

    /** A held routine is answered on the event loop, past no check: the access check still comes first. */
    @Test
    void aHeldRoutineIsStillRefusedToAnyoneElse() {
        routine("");
        given().auth()
                .oauth2(DevTokens.customer(customer + "-other"))
                .get("/api/v2/recommendations/{id}", customer)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .get("/api/v2/recommendations/{id}", customer + "-other")
                .then()
                .statusCode(403);
    }

    /** A customer held as having no profile is answered from what is held, as the first answer was. */
    @Test
    void aCustomerHeldWithoutAProfileIsAnsweredTheSame() {
        String nobody = customer + "-none";
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(DevTokens.customer(nobody))
                    .get("/api/v2/recommendations/{id}", nobody)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        assertThat(profiles.held(nobody)).contains(Optional.empty());
    }

    /** As another replica's consumer would write it: straight to the row, nothing through this replica's consumer. */
    @Test
    void aProfileRowWrittenByAnyReplicaIsSeenOnceAnnounced() throws Exception {
        assertThat(routine("").getInt("profileVersion")).isEqualTo(1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update customer_profile set version = 2,"
                        + " answers = jsonb_set(answers, '{skinType}', '\"DRY\"') where customer_id = ?")) {
            update.setString(1, customer);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        await().atMost(ANNOUNCED_WITHIN)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> routine("").getInt("profileVersion") == 2);

        // erased: the next request after the announcement finds no profile
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("delete from customer_profile where customer_id = ?")) {
            delete.setString(1, customer);
            delete.executeUpdate();
        }
        await().atMost(ANNOUNCED_WITHIN)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> given().auth()
                                .oauth2(DevTokens.customer(customer))
                                .get("/api/v2/recommendations/{id}", customer)
                                .statusCode()
                        == 404);
    }

    @Test
    void aCatalogueChangeARoutineCouldUseIsSeenByTheNextRequest() {
        JsonPath before = routine("");
        String sku = before.getString("am.find { it.slot == 'SERUM' }.product.sku");
        String price = before.getString("am.find { it.slot == 'SERUM' }.product.price.amount");
        ProductState held = table.find(sku).orElseThrow();
        try (Publisher publisher = new Publisher(broker, json)) {
            ProductState dearer = Baseline.changed(held, ProductStatus.ACTIVE, held.stock(), "19.75");
            publisher.product(dearer);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> table.find(sku).orElseThrow().version() == dearer.version());
            // no wait: the table's generation moved with the change, so this request builds the routine again
            assertThat(routine("").getString("am.find { it.product.sku == '" + sku + "' }.product.price.amount"))
                    .isEqualTo("19.75");
            ProductState restored = Baseline.changed(dearer, ProductStatus.ACTIVE, held.stock(), price);
            publisher.product(restored);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> table.find(sku).orElseThrow().version() == restored.version());
        }
        assertThat(routine("").getString("am.find { it.slot == 'SERUM' }.product.price.amount"))
                .isEqualTo(price);
    }

    @Test
    void eachLocaleIsItsOwnRoutine() {
        for (int i = 0; i < 2; i++) {
            assertThat(routine("?locale=lv").getString("locale")).isEqualTo("lv");
            assertThat(routine("?locale=tl").getString("locale")).isEqualTo("tl");
            assertThat(routine("").getString("locale")).isEqualTo("en");
        }
        assertThat(routine("?locale=lv").getString("am[0].product.name"))
                .isNotEqualTo(routine("?locale=tl").getString("am[0].product.name"));
    }

    /**
     * A failover, as the listener sees it: its connection is gone. Until it listens again nothing is held, so a
     * change made meanwhile cannot be missed; once back, what was held before is dropped.
     */
    @Test
    void whenTheAnnouncementsConnectionFailsNoChangeIsMissed() throws Exception {
        assertThat(routine("").getInt("profileVersion")).isEqualTo(1);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(" + profiles.listenerPid() + ")");
            // the row changes while the listener may be away: without an announcement heard, it must still show
            statement.execute("update customer_profile set version = 5 where customer_id = '" + customer + "'");
        }
        await().atMost(ANNOUNCED_WITHIN)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> routine("").getInt("profileVersion") == 5);
        await().atMost(Duration.ofSeconds(10)).until(profiles::listening);
        assertThat(routine("").getInt("profileVersion")).isEqualTo(5);
    }
}
