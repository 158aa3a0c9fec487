package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.StreamedBodies;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bodies built to cost the service memory, CPU or a huge answer: each gets a small 4xx problem, quickly, and nothing
 * is stored.
 */
@ProfileTest
class HostileBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/profiles/")
    URL profiles;

    @Test
    void aChunkedBodyOverTheLimitIsA413ProblemAnsweredAtOnce() throws Exception {
        String customer = Requests.newCustomerId();
        long start = System.nanoTime();
        HttpResponse<String> response = StreamedBodies.sendChunked(
                "PUT",
                profile(customer),
                DevTokens.customer(customer),
                "application/json",
                StreamedBodies.repeated(
                        "{\"questionnaireVersion\":1,\"answers\":{\"concerns\":[1", ",1", 900_000, "]}}"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:skincare:problem:payload-too-large");
        assertThat(problem.get("detail").asText()).contains("more than 16384 bytes");
        assertThat(problem.get("violations").get(0).get("field").asText()).isEqualTo("body");
        assertThat(response.body().length()).isLessThan(500);
        notStored(customer);
    }

    @Test
    void anEndlessChunkedBodyIsCutOffAndTheServiceAnswersTheNextRequest() throws Exception {
        String customer = Requests.newCustomerId();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = StreamedBodies.sendChunked(
                    "PUT",
                    profile(customer),
                    DevTokens.customer(customer),
                    "application/json",
                    StreamedBodies.repeated("{\"questionnaireVersion\":1,\"locale\":\"", "x", 10L << 30, "\"}"));
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        } catch (IOException closed) {
            // the service closed the connection once its answer was written; the client may not have read it
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);
    }

    /** Above quarkus.http.limits.max-body-size (10 MiB here) Vert.x answers before any endpoint: a problem too. */
    @Test
    void aBodyStatingMoreThanTheServiceReadsAtAllIsA413Problem() throws Exception {
        String customer = Requests.newCustomerId();
        long length = (10L << 20) + 1;
        HttpResponse<String> response = StreamedBodies.sendWithLength(
                "PUT",
                profile(customer),
                DevTokens.customer(customer),
                "application/json",
                StreamedBodies.repeated("{\"locale\":\"", "x", length, "\"}"),
                length);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("detail").asText())
                .isEqualTo("the body has " + length + " bytes; at most 10485760 are accepted");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/profiles/" + customer);
        notStored(customer);
    }

    @Test
    void thousandsOfConcernsWithinTheLimitAreOneViolation() {
        String customer = Requests.newCustomerId();
        String concerns = "1,".repeat(6_000) + "1";
        String body = Requests.profileJson()
                .replace("\"concerns\":[\"ENLARGED_PORES\",\"SAGGING_PORES\"]", "\"concerns\":[" + concerns + "]");
        assertThat(body.length()).isGreaterThan(12_000).isLessThan(16_384);
        String answer = Requests.put(customer, body)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("answers.concerns"))
                .body("violations[0].message", equalTo("choose at most 5"))
                .extract()
                .asString();
        assertThat(answer.length()).isLessThan(500);
        notStored(customer);
    }

    @Test
    void sunExposureHoursOf1e400IsA400NamingTheField() {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profileJson().replace("\"sunExposureHours\":5", "\"sunExposureHours\":1e400"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("answers.sunExposureHours"))
                .body("violations[0].message", equalTo("must be a number from 0 to 24"));
        // read as a double this is 0 hours, a different answer than the one sent
        Requests.put(
                        customer,
                        Requests.profileJson().replace("\"sunExposureHours\":5", "\"sunExposureHours\":1e-10000000"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("answers.sunExposureHours"))
                .body("violations[0].message", equalTo("must have at most 2 decimals"));
        notStored(customer);
    }

    @Test
    void deeplyNestedAnswersAreA400() {
        String customer = Requests.newCustomerId();
        String nested = "[".repeat(1_000) + "]".repeat(1_000);
        Requests.put(customer, "{\"questionnaireVersion\":1,\"answers\":" + nested + "}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("answers"));
        notStored(customer);
    }

    private URI profile(String customer) throws Exception {
        return profiles.toURI().resolve(customer);
    }

    private static void notStored(String customer) {
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(404);
    }
}
