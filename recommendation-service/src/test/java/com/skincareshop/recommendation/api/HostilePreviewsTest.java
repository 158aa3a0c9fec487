package com.skincareshop.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.StreamedBodies;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guest previews built to cost the service memory, CPU or a 500: each gets a small 4xx problem, quickly. */
@RecommendationTest
class HostilePreviewsTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @TestHTTPResource("/api/recommendations/preview")
    URL preview;

    @BeforeEach
    void catalogue() {
        Baseline.ensure(broker, json, table);
    }

    @Test
    void aChunkedPreviewOverTheLimitIsA413ProblemAnsweredAtOnce() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = StreamedBodies.sendChunked(
                "POST",
                preview.toURI(),
                DevTokens.storefront(),
                "application/json",
                StreamedBodies.repeated("{\"answers\":{\"concerns\":[1", ",1", 900_000, "]}}"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("detail").asText()).contains("more than 16384 bytes");
        assertThat(problem.get("violations").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void sunExposureHoursOf1e400IsA400NamingTheField() throws Exception {
        String body = json.writeValueAsString(Map.of("answers", RecommendationApiTest.answers()))
                .replace("\"sunExposureHours\":2", "\"sunExposureHours\":1e400");
        assertThat(body).contains("1e400");
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("answers.sunExposureHours"));
    }

    @Test
    void thousandsOfUnknownAnswersGetFiftyViolationsAndANoteOfTheRest() throws Exception {
        StringBuilder unknown = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            unknown.append(",\"q").append(i).append("\":1");
        }
        String body = json.writeValueAsString(Map.of("answers", RecommendationApiTest.answers()))
                .replaceFirst("\\{\"answers\":\\{", "{\"answers\":{" + unknown.substring(1) + ",");
        String answer = given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/recommendations/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(51))
                .body("violations[50].field", equalTo("body"))
                .body("detail", equalTo("more than 50 fields are invalid; the first 50 are listed"))
                .extract()
                .asString();
        assertThat(answer.length()).isLessThan(6_000);
    }
}
