package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.OpenApiConformance;
import com.skincareshop.profile.support.ProfileTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Every API test of this service checks each response against the document the service serves
 * ({@link OpenApiConformance}, installed for every test by platform/testing). This shows that it is installed here,
 * and that it fails a test whose answer the document does not allow.
 */
@ProfileTest
class ApiDocumentTest {

    @Test
    void everyTestChecksItsResponsesAgainstTheDocument() {
        assertThat(RestAssured.filters()).anyMatch(OpenApiConformance.class::isInstance);
    }

    @Test
    void anUndocumentedStatusFailsTheTest() {
        // an Accept the API cannot serve is a 406 problem, a status no operation documents
        assertThatThrownBy(() -> given().accept("application/xml").when().get("/api/questionnaire"))
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
    void answersAreTypedAndEachOperationNamesItsRoles() {
        String profile = "paths.'/api/profiles/{customerId}'.";
        Management.given()
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(profile + "put.'x-roles'", contains("customer"))
                .body(profile + "get.'x-roles'", contains("customer", "support"))
                .body(profile + "delete.'x-roles'", contains("customer", "support"))
                .body(profile + "get.responses.keySet()", hasItems("200", "400", "401", "403", "404", "500", "503"))
                .body(
                        "components.schemas.ProfileRequest.properties.answers.allOf[0].'$ref'",
                        equalTo("#/components/schemas/Answers"))
                .body("components.schemas.ProfileRequest.required", hasItems("questionnaireVersion", "answers"))
                .body("components.schemas.Answers.properties.concerns.maxItems", equalTo(5))
                .body("components.schemas.AgeBand.enum", hasItems("25_34", "55_PLUS"))
                .body("paths.'/api/questionnaire'.get.security", nullValue());
    }
}
