package com.skincareshop.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.RecommendationTest;
import com.skincareshop.recommendation.support.StoredCustomers;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two versions of the routine response over HTTP: the first keeps exactly its fields, the second adds what a
 * storefront renders a routine page from.
 */
@RecommendationTest
class RoutineVersionsApiTest {

    /** Every field the first version has ever had, per object. */
    private static final Set<String> V1_ROUTINE = Set.of(
            "customerId",
            "profileVersion",
            "locale",
            "approach",
            "minimumSpf",
            "am",
            "pm",
            "week",
            "warnings",
            "total");

    private static final Set<String> V1_STEP =
            Set.of("step", "slot", "product", "reasons", "usage", "frequency", "area", "nights", "rampUpWeeks");
    private static final Set<String> V1_PRODUCT = Set.of("sku", "name", "price", "version");
    private static final Set<String> V1_WARNING = Set.of("code", "message");
    private static final Set<String> V1_NIGHT = Set.of("night", "skus");

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    private static String customer;

    @BeforeEach
    void customerWithAProfile() {
        Baseline.ensure(broker, json, table);
        if (customer == null) {
            // sensitive, with a retinoid for lines: patch test and sun warnings that name their steps
            customer = StoredCustomers.withProfile(
                    broker,
                    json,
                    "c-v2-",
                    2,
                    new Answers(
                            SkinType.OILY,
                            true,
                            AgeBand.AGE_35_44,
                            List.of(Concern.FINE_LINES, Concern.DARK_SPOTS),
                            BigDecimal.ONE,
                            false,
                            List.of(),
                            List.of(Area.FACE),
                            null,
                            false),
                    "lv",
                    "/api/v2/recommendations/{id}");
        }
    }

    @Test
    void theFirstVersionHasExactlyItsOwnFields() throws Exception {
        String body = given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode routine = json.readTree(body);

        assertThat(names(routine)).isSubsetOf(V1_ROUTINE);
        for (JsonNode step : iterable(routine.path("am"), routine.path("pm"))) {
            assertThat(names(step)).isSubsetOf(V1_STEP);
            assertThat(names(step.path("product"))).isEqualTo(V1_PRODUCT);
        }
        for (JsonNode warning : routine.path("warnings")) {
            assertThat(names(warning)).isEqualTo(V1_WARNING);
        }
        for (JsonNode night : routine.path("week")) {
            assertThat(names(night)).isEqualTo(V1_NIGHT);
        }
        assertThat(routine.path("warnings").size()).isPositive();
    }

    @Test
    void theSecondVersionRendersARoutinePage() throws Exception {
        String body = given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/v2/recommendations/{id}", customer)
                .then()
                .statusCode(200)
                .body("locale", equalTo("lv"))
                .body("am[0].id", equalTo("am-1"))
                .body("am[0].time", equalTo("AM"))
                .body("am[0].labels.time", equalTo("No rīta"))
                .body("am[0].labels.slot", equalTo("Attīrīšanas līdzeklis"))
                .body("am[0].labels.frequency", equalTo("Katru rītu"))
                .body("am[0].product.brand", equalTo("Test"))
                .body("am[0].product.format", equalTo("BOTTLE"))
                .body("am[0].product.size.unit", equalTo("ML"))
                .body("am[0].product.image", equalTo("products/B-CLN"))
                .body("am[0].product.slug", matchesPattern("[a-z0-9-]+-b-cln"))
                .body("pm.find { it.slot == 'SERUM' }.addresses.concerns", hasItem("FINE_LINES"))
                .body("pm.find { it.slot == 'SERUM' }.addresses.actives.code", hasItem("RETINOID"))
                .body("pm.find { it.slot == 'SERUM' }.weeksToResults", equalTo(12))
                .body("pm.find { it.slot == 'SERUM' }.optical", equalTo(false))
                .body("pm.find { it.slot == 'SERUM' }.nights", notNullValue())
                .body("week.label", hasItem("Pirmdiena"))
                .body("warnings.severity", everyItem(notNullValue()))
                .body(
                        "warnings.find { it.code == 'PATCH_TEST' && it.params.active == 'RETINOID' }.steps",
                        hasItem(matchesPattern("pm-\\d")))
                .extract()
                .asString();
        JsonNode routine = json.readTree(body);

        // the cart: each product once, every step's product in it, its prices adding up to the total
        List<String> skus = routine.path("products").findValuesAsText("sku");
        assertThat(skus).doesNotHaveDuplicates();
        Set<String> stepSkus = new HashSet<>();
        iterable(routine.path("am"), routine.path("pm"))
                .forEach(s -> stepSkus.add(s.path("product").path("sku").asText()));
        assertThat(new HashSet<>(skus)).isEqualTo(stepSkus);
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : routine.path("products")) {
            sum = sum.add(new BigDecimal(line.path("price").path("amount").asText())
                    .multiply(BigDecimal.valueOf(line.path("quantity").asInt())));
            assertThat(line.path("steps").size()).isPositive();
        }
        assertThat(sum)
                .isEqualByComparingTo(routine.path("total").path("amount").asText());
        // every step a warning names exists
        Set<String> ids = new HashSet<>();
        iterable(routine.path("am"), routine.path("pm"))
                .forEach(s -> ids.add(s.path("id").asText()));
        for (JsonNode warning : routine.path("warnings")) {
            warning.path("steps").forEach(id -> assertThat(ids).contains(id.asText()));
        }
    }

    @Test
    void aGuestPreviewInTheSecondVersionHasTheSameRulesAndErrors() {
        Map<String, Object> body = Map.of("answers", RecommendationApiTest.answers());
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v2/recommendations/preview?locale=tl")
                .then()
                .statusCode(200)
                .body("locale", equalTo("tl"))
                .body("am[0].labels.time", equalTo("Umaga"))
                .body("products.sku", hasItem("B-CLN"));
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v2/recommendations/preview")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v2/recommendations/preview")
                .then()
                .statusCode(403);

        Map<String, Object> bad = RecommendationApiTest.answers();
        bad.put("skinType", "SCALY");
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", bad))
                .when()
                .post("/api/v2/recommendations/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("answers.skinType"));
    }

    @Test
    void anUnknownCustomerIsA404AndAnotherCustomersRoutineA403() {
        given().auth()
                .oauth2(DevTokens.customer("c-nobody-v2"))
                .when()
                .get("/api/v2/recommendations/{id}", "c-nobody-v2")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:skincare:problem:no-profile"));
        given().auth()
                .oauth2(DevTokens.customer("someone-else"))
                .when()
                .get("/api/v2/recommendations/{id}", customer)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.storefront())
                .when()
                .get("/api/v2/recommendations/{id}", "not an id!")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> iterable(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            Iterator<JsonNode> elements = array.elements();
            elements.forEachRemaining(all::add);
        }
        return all;
    }
}
