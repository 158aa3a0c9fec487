package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.Readiness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Kubernetes probes and the monitoring read. */
@CatalogTest
class OperationsTest {

    @Test
    void healthReportsDatabaseAndKafka() {
        // the three endpoints the Kubernetes probes use (deploy/kubernetes, checked by ManifestsTest)
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given()
                .when()
                .get("/q/health/started")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        Readiness.await();
        Management.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("kafka", "Database connections health check"));
    }

    /** The port the storefront and merchandising reach serves the API alone. */
    @Test
    void theApplicationPortServesNoOperationsEndpoint() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void metricsIncludeTheOutbox() {
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("outbox_backlog"))
                .body(containsString("outbox_oldest_age_seconds"))
                .body(containsString("outbox_published_total"));
    }

    @Test
    void openApiDescribesTheCatalogue() {
        Management.given()
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/products/{sku}"))
                .body(containsString("/api/products/import"));
    }
}
