package com.skincareshop.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.RecommendationTest;
import com.skincareshop.recommendation.support.StoredCustomers;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RecommendationTest
class RecommendationApiTest {

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
            customer = StoredCustomers.withProfile(
                    broker,
                    json,
                    "c-",
                    4,
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
                    "tl",
                    "/api/recommendations/{id}");
        }
    }

    static Map<String, Object> answers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("skinType", "OILY");
        answers.put("sensitive", false);
        answers.put("ageBand", "35_44");
        answers.put("concerns", List.of("ENLARGED_PORES", "SAGGING_PORES"));
        answers.put("sunExposureHours", 2);
        answers.put("pregnantOrBreastfeeding", false);
        answers.put("avoidIngredients", List.of("Fragrance"));
        answers.put("areas", List.of("FACE"));
        answers.put("budget", Map.of("amount", "120.00", "currency", "EUR"));
        answers.put("marketingConsent", true);
        return answers;
    }

    @Test
    void theRoutineOfAStoredCustomer() {
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(200)
                .body("customerId", equalTo(customer))
                .body("profileVersion", equalTo(4))
                .body("locale", equalTo("tl")) // the locale the customer answered in
                .body("approach", equalTo("CORRECTIVE"))
                .body("minimumSpf", equalTo(20))
                .body("am[0].step", equalTo(1))
                .body("am[-1].slot", equalTo("SUNSCREEN"))
                .body("am.product.sku", hasItem("B-SER-C15"))
                .body("am[0].product.name", equalTo("B-CLN (tl)"))
                .body("am[0].product.price.amount", equalTo("10.00"))
                .body("am[0].usage", notNullValue())
                .body("am[0].frequency", equalTo("DAILY"))
                .body("am.find { it.slot == 'SERUM' }.reasons.code", hasItem("CONCERN_MATCH"))
                .body("total.currency", equalTo("EUR"));
    }

    @Test
    void textsFollowTheRequestedLocale() {
        String tl = given().auth()
                .oauth2(DevTokens.storefrontFor(customer))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .extract()
                .path("am[0].usage");
        given().auth()
                .oauth2(DevTokens.storefrontFor(customer))
                .when()
                .get("/api/recommendations/{id}?locale=lv", customer)
                .then()
                .statusCode(200)
                .body("locale", equalTo("lv"))
                .body("am[0].product.name", equalTo("B-CLN (lv)"))
                .body("am[0].usage", not(equalTo(tl)));
        given().auth()
                .oauth2(DevTokens.storefrontFor(customer))
                .when()
                .get("/api/recommendations/{id}?locale=de", customer)
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("am[0].product.name", equalTo("B-CLN (en)"));
    }

    @Test
    void accessMatrix() {
        given().when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.customer("someone-else"))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // the storefront reaches a customer only with the token it holds for that customer
        given().auth()
                .oauth2(DevTokens.storefrontFor(customer))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(200)
                .body("customerId", equalTo(customer));
        given().auth()
                .oauth2(DevTokens.storefront())
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.storefrontFor("someone-else"))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(403);
        // support reads any customer's routine, on the record (AccessAuditTest)
        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(DevTokens.expiredMerchandiser())
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(401);

        Map<String, Object> body = Map.of("answers", answers());
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(200);
    }

    @Test
    void anUnknownCustomerIsA404ThatPointsToThePreview() {
        String unknown = "c-unknown-" + UUID.randomUUID().toString().substring(0, 6);
        given().auth()
                .oauth2(DevTokens.customer(unknown))
                .when()
                .get("/api/recommendations/{id}", unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:skincare:problem:no-profile"))
                .body("detail", containsString("/api/recommendations/preview"));
    }

    @Test
    void aGuestPreviewIsBuiltAndNotStored() {
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", answers()))
                .when()
                .post("/api/recommendations/preview?locale=lv")
                .then()
                .statusCode(200)
                .body("customerId", nullValue())
                .body("profileVersion", nullValue())
                .body("locale", equalTo("lv"))
                .body("approach", equalTo("CORRECTIVE"))
                .body("pm.slot", hasItem("SERUM"));
    }

    @Test
    void previewAnswersAreValidatedAsProfileServiceValidatesThem() {
        Map<String, Object> bad = answers();
        bad.put("concerns", List.of("WRINKLES"));
        bad.put("sunExposureHours", 30);
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", bad))
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("answers.concerns[0]"))
                .body("violations.field", hasItem("answers.sunExposureHours"));
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("answers"));
        Map<String, Object> pesos = answers();
        pesos.put("budget", Map.of("amount", "5000", "currency", "PHP")); // the catalogue prices in EUR only
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", pesos))
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("answers.budget.currency"));
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("questionnaireVersion", 7, "answers", answers()))
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("questionnaireVersion"));
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body("{\"answers\": {")
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", answers(), "coupon", "FREE"))
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("coupon"));
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.TEXT)
                .body("answers")
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aSoldOutSpfTargetGivesTheHighestInStockAndASlotNothingCanFillIsExplained() {
        Map<String, Object> sunny = answers();
        sunny.put("sunExposureHours", 8); // needs SPF 60; the baseline stops at 30
        var routine = given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", sunny))
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(200)
                .body("minimumSpf", equalTo(60))
                .extract()
                .jsonPath();
        assertThat(routine.getList("am.slot", String.class)).last().isEqualTo("SUNSCREEN");
        assertThat(routine.getList("am.product.sku", String.class)).last().isEqualTo("B-SUN30");
        assertThat(routine.getList("warnings.code", String.class)).contains("SPF_BELOW_TARGET");

        Map<String, Object> scars = answers();
        scars.put("concerns", List.of("ACNE_SCARS"));
        scars.put("avoidIngredients", List.of("Vitamin C")); // the only class in the baseline that treats them
        var gap = given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Map.of("answers", scars))
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(gap.getList("am.slot", String.class)).doesNotContain("SERUM");
        assertThat(gap.getList("warnings.code", String.class)).contains("SLOT_UNFILLED");
    }

    @Test
    void aMalformedCustomerIdIsA400() {
        given().auth()
                .oauth2(DevTokens.storefront())
                .when()
                .get("/api/recommendations/{id}", "bad id!")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("customerId"));
    }

    @Test
    void readinessIncludesTheCatalogueTable() {
        Management.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("catalogue-table"));
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("catalog_table_products"))
                .body(containsString("catalog_table_digest"))
                .body(containsString("recommendation_latency_seconds"))
                .body(containsString("profiles_consumer_lag"));
    }

    /** Liveness watches this service's own loops too: the catalogue loader and every profile consumer. */
    @Test
    void livenessWatchesTheConsumersAndTheCatalogueLoader() {
        Management.given()
                .when()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body(
                        "checks.find { it.name == 'background-loops' }.data.keySet()",
                        Matchers.hasItems(
                                "catalog-table-loader", "profile-consumer-0", "profile-consumer-1", "outbox-relay"));
    }
}
