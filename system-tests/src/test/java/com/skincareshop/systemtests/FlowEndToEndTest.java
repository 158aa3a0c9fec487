package com.skincareshop.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.skincareshop.platform.stack.HostileRequests;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three services as they ship (packaged jars, production profile) on a real broker and PostgreSQL, driven
 * over HTTP only, as the storefront and the merchandisers would: products in, a profile in, the routine out;
 * the recommended serum discontinued and a price changed, the next routine follows; the profile erased, the
 * routine is gone. Every answer is also checked against the service's API document (RunningStack).
 */
@ExtendWith(RunningStack.class)
class FlowEndToEndTest {

    private static final Path ROOT = RunningStack.ROOT;
    private static final String CUSTOMER = "c-e2e-1";

    private static String catalog;
    private static String profiles;
    private static String recommendations;

    @BeforeAll
    static void theRunningFlow() {
        catalog = RunningStack.urls().catalog();
        profiles = RunningStack.urls().profiles();
        recommendations = RunningStack.urls().recommendations();
    }

    @Test
    void productsAndAProfileInTheRoutineOutAndItFollowsEveryChange() throws Exception {
        // merchandisers load the demo catalogue
        given().auth()
                .oauth2(RunningStack.tokens().merchandiser())
                .contentType("application/x-ndjson")
                .body(Files.readAllBytes(ROOT.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")))
                .when()
                .post(catalog + "/api/products/import")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(0));

        // a customer answers the questionnaire in Tagalog
        given().when()
                .get(profiles + "/api/questionnaire?locale=tl")
                .then()
                .statusCode(200)
                .body("locale", equalTo("tl"));
        given().auth()
                .oauth2(RunningStack.tokens().customer(CUSTOMER))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "questionnaireVersion",
                        1,
                        "locale",
                        "tl",
                        "answers",
                        Map.of(
                                "skinType",
                                "OILY",
                                "sensitive",
                                false,
                                "ageBand",
                                "35_44",
                                "concerns",
                                List.of("ENLARGED_PORES", "SAGGING_PORES"),
                                "sunExposureHours",
                                5,
                                "pregnantOrBreastfeeding",
                                false,
                                "avoidIngredients",
                                List.of("Fragrance"),
                                "areas",
                                List.of("FACE"),
                                "marketingConsent",
                                true)))
                .when()
                .put(profiles + "/api/profiles/{id}", CUSTOMER)
                .then()
                .statusCode(201);

        // ... and gets a routine in Tagalog
        JsonPath routine = awaitRoutine(r -> true);
        assertThat(routine.getString("locale")).isEqualTo("tl");
        assertThat(routine.getLong("profileVersion")).isEqualTo(1);
        assertThat(routine.getInt("minimumSpf")).isEqualTo(60);
        List<String> morning = routine.getList("am.slot", String.class);
        assertThat(morning.get(morning.size() - 1)).isEqualTo("SUNSCREEN");
        String serum = firstSerum(routine);
        assertThat(serum).as("a serum for the customer's pores").isNotNull();

        // the recommended serum is discontinued: the next routine no longer has it
        given().auth()
                .oauth2(RunningStack.tokens().merchandiser())
                .when()
                .delete(catalog + "/api/products/{sku}", serum)
                .then()
                .statusCode(204);
        JsonPath afterDiscontinuation = awaitRoutine(r -> !skus(r).contains(serum));
        assertThat(firstSerum(afterDiscontinuation))
                .as("another serum takes its place")
                .isNotNull()
                .isNotEqualTo(serum);

        // a price changes (read, edit, write back): the next routine shows it
        String cleanser = afterDiscontinuation.getString("am.find { it.slot == 'CLEANSER' }.product.sku");
        Map<String, Object> product = given().when()
                .get(catalog + "/api/products/{sku}", cleanser)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> price = (Map<String, Object>) product.get("price");
        price.put("amount", "7.77");
        given().auth()
                .oauth2(RunningStack.tokens().merchandiser())
                .contentType(ContentType.JSON)
                .body(product)
                .when()
                .put(catalog + "/api/products/{sku}", cleanser)
                .then()
                .statusCode(200);
        awaitRoutine(r -> "7.77".equals(r.getString("am.find { it.slot == 'CLEANSER' }.product.price.amount")));

        // the customer is erased: the routine is gone, the storefront is told to use the preview
        given().auth()
                .oauth2(RunningStack.tokens().customer(CUSTOMER))
                .when()
                .delete(profiles + "/api/profiles/{id}", CUSTOMER)
                .then()
                .statusCode(204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> routineResponse().statusCode() == 404);
        routineResponse()
                .then()
                .contentType("application/problem+json")
                .body("type", equalTo("urn:skincare:problem:no-profile"));
    }

    /** A smoke run of the bad-input corpus (benchmarks/measure.sh hostile-requests runs 1,000 per service). */
    @Test
    void hostileRequestsGetFourHundredsAndChangeNothing() throws Exception {
        HostileRequests.Outcome outcome =
                new HostileRequests(catalog, profiles, recommendations, RunningStack.tokens(), 7, Map.of()).run(100);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.serverErrors()).isZero();
        assertThat(outcome.notProblemJson()).isZero();
        assertThat(outcome.dataUnchanged()).isTrue();
        assertThat(outcome.requests()).isEqualTo(300);
    }

    private static Response routineResponse() {
        return given().auth()
                .oauth2(RunningStack.tokens().customer(CUSTOMER))
                .when()
                .get(recommendations + "/api/recommendations/{id}", CUSTOMER);
    }

    private static JsonPath awaitRoutine(Predicate<JsonPath> until) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Response response = routineResponse();
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    last[0] = response.jsonPath();
                    return until.test(last[0]);
                });
        return last[0];
    }

    private static String firstSerum(JsonPath routine) {
        String am = routine.getString("am.find { it.slot == 'SERUM' }.product.sku");
        return am != null ? am : routine.getString("pm.find { it.slot == 'SERUM' }.product.sku");
    }

    private static List<String> skus(JsonPath routine) {
        List<String> skus = new ArrayList<>(routine.getList("am.product.sku", String.class));
        skus.addAll(routine.getList("pm.product.sku", String.class));
        return skus;
    }
}
