package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.OpenApiConformance;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Every API test of this service checks each response against the document the service serves
 * ({@link OpenApiConformance}, installed for every test by platform/testing). This shows that it is installed here,
 * and that it fails a test whose answer the document does not allow.
 */
@CatalogTest
class ApiDocumentTest {

    @Test
    void everyTestChecksItsResponsesAgainstTheDocument() {
        assertThat(RestAssured.filters()).anyMatch(OpenApiConformance.class::isInstance);
    }

    @Test
    void anUndocumentedStatusFailsTheTest() {
        // an Accept the API cannot serve is a 406 problem, a status no operation documents
        assertThatThrownBy(() -> given().accept("application/xml").when().get("/api/products"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("406")
                .hasMessageContaining("validation.response.status.unknown");
    }

    @Test
    void theDocumentIsOpenApi30WithTheBearerScheme() {
        Management.given()
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("openapi", equalTo("3.0.3"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.Problem.required", hasItems("type", "title", "status"));
    }

    @Test
    void writesNameTheirRoleAndEveryErrorIsAProblem() {
        String put = "paths.'/api/products/{sku}'.put.";
        Management.given()
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(put + "'x-roles'", contains("merchandiser"))
                .body(put + "security[0].bearer", empty())
                .body(
                        put + "responses.keySet()",
                        hasItems("200", "201", "400", "401", "403", "409", "412", "413", "415", "500", "503"))
                .body(
                        put + "responses.'412'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body(put + "responses.'401'.headers.'WWW-Authenticate'.required", equalTo(true))
                .body("paths.'/api/products/{sku}'.get.responses.keySet()", hasItems("200", "404"))
                .body("paths.'/api/products/{sku}'.get.security", nullValue())
                .body("paths.'/api/products'.get.parameters.find { it.name == 'size' }.schema.maximum", equalTo(100))
                .body(
                        "paths.'/api/products'.get.parameters.find { it.name == 'category' }.schema.'$ref'",
                        equalTo("#/components/schemas/Category"))
                .body("components.schemas.Locale.enum", contains("en", "tl", "lv"));
    }
}
