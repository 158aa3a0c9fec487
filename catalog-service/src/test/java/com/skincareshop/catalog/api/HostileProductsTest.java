package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.StreamedBodies;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Catalogue writes built to cost the service memory, CPU, a huge answer or a 500: each gets a small 4xx problem,
 * quickly, and nothing is stored.
 */
@CatalogTest
class HostileProductsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/products/")
    URL products;

    @Test
    void aChunkedProductOverTheLimitIsA413ProblemAnsweredAtOnce() throws Exception {
        String sku = Products.uniqueSku("BIG");
        long start = System.nanoTime();
        HttpResponse<String> response = StreamedBodies.sendChunked(
                "PUT",
                products.toURI().resolve(sku),
                DevTokens.merchandiser(),
                "application/json",
                StreamedBodies.repeated(
                        "{\"category\":\"SERUM\",\"ingredients\":[{\"inci\":\"Aqua\"}",
                        ",{\"inci\":\"Aqua\"}",
                        900_000,
                        "]}"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertTooLarge(response, 65_536);
        given().when().get("/api/products/{sku}", sku).then().statusCode(404);
    }

    /**
     * A chunked body declares no length, so its limit is found as it is read; by then the lines before it are
     * stored, so the answer is the report, which ends where the import stopped.
     */
    @Test
    void aChunkedImportOverItsLimitIsStoredUpToItAndStopsThere() throws Exception {
        Map<String, Object> product = Products.vitaminCSerum("import");
        product.put("sku", Products.uniqueSku("BIG"));
        // lines of 1.6 kB: the byte limit comes before the line limit (about 10,000 lines)
        product.put("descriptions", Map.of("en", "A long description. ".repeat(70)));
        String line = JSON.writeValueAsString(product) + "\n";
        HttpResponse<String> response = StreamedBodies.sendChunked(
                "POST",
                products.toURI().resolve("import"),
                DevTokens.merchandiser(),
                "application/x-ndjson",
                StreamedBodies.repeated("", line, 17L << 20, ""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        int lines = report.get("lines").size();
        assertThat(lines).isGreaterThan(1_000);
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("unchanged").asInt()).isEqualTo(lines - 2);
        JsonNode stopped = report.get("lines").get(lines - 1);
        assertThat(stopped.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(stopped.get("violations").get(0).get("message").asText()).contains("byte limit");
        // every line read whole before the limit was stored: (16 MiB / the line's length) of them
        assertThat(lines - 1).isEqualTo((int) ((16L << 20) / line.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void aPercentOfAbsurdScaleIsA400NamingItAtOnce() throws Exception {
        String sku = Products.uniqueSku("SCALE");
        String body = JSON.writeValueAsString(Products.vitaminCSerum("scale"))
                .replace("\"percent\":15", "\"percent\":1e-10000000");
        assertThat(body).contains("1e-10000000");
        long start = System.nanoTime();
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("ingredients[1].percent"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        given().when().get("/api/products/{sku}", sku).then().statusCode(404);
    }

    @Test
    void aPriceWithThreeDecimalsIsA400NamingTheAmount() {
        // EUR has two decimals; KWD has three, but the catalogue stores prices with two
        for (Map<String, String> price :
                List.of(Map.of("amount", "1.234", "currency", "EUR"), Map.of("amount", "1.234", "currency", "KWD"))) {
            String sku = Products.uniqueSku("PRICE");
            Map<String, Object> product = Products.vitaminCSerum("price");
            product.put("price", price);
            given().auth()
                    .oauth2(DevTokens.merchandiser())
                    .contentType(ContentType.JSON)
                    .body(product)
                    .when()
                    .put("/api/products/{sku}", sku)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.size()", equalTo(1))
                    .body("violations[0].field", equalTo("price.amount"));
            given().when().get("/api/products/{sku}", sku).then().statusCode(404);
        }
        Map<String, Object> kuwaiti = Products.vitaminCSerum("price");
        kuwaiti.put("price", Map.of("amount", "1.230", "currency", "KWD"));
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(kuwaiti)
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("PRICE"))
                .then()
                .statusCode(201)
                .body("price.amount", equalTo("1.23"));
    }

    @Test
    void thousandsOfIngredientsAreOneViolationAndNoneOfThemIsLookedAt() {
        Map<String, Object> product = Products.vitaminCSerum("many");
        List<Object> ingredients = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            ingredients.add(Map.of("inci", "<" + i + ">"));
        }
        product.put("ingredients", ingredients);
        String answer = given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(product)
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("MANY"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("ingredients"))
                .extract()
                .asString();
        assertThat(answer.length()).isLessThan(500);
    }

    @Test
    void anImportOfLinesBreakingManyRulesListsABoundedReport() throws Exception {
        Map<String, Object> product = Products.vitaminCSerum("rules");
        List<Object> ingredients = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ingredients.add(Map.of("inci", "<" + i + ">"));
        }
        product.put("ingredients", ingredients);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            product.put("sku", "RULES-" + i);
            body.append(JSON.writeValueAsString(product)).append('\n');
        }
        String answer = given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType("application/x-ndjson")
                .body(body.toString().getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/products/import")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(200))
                .body("lines[0].violations.size()", equalTo(51))
                .body("lines[0].violations[50].field", equalTo("body"))
                .body("lines[199].violations.size()", equalTo(1))
                .extract()
                .asString();
        JsonNode report = JSON.readTree(answer);
        int listed = 0;
        for (JsonNode line : report.get("lines")) {
            listed += line.get("violations").size();
        }
        assertThat(listed).isLessThanOrEqualTo(ProductImport.MAX_LISTED + 200);
    }

    private static void assertTooLarge(HttpResponse<String> response, long limit) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:skincare:problem:payload-too-large");
        assertThat(problem.get("detail").asText()).contains("more than " + limit + " bytes");
        assertThat(problem.get("violations").get(0).get("field").asText()).isEqualTo("body");
    }
}
