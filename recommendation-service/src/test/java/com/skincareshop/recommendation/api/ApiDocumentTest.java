package com.skincareshop.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.OpenApiConformance;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Every API test of this service checks each response against the document the service serves
 * ({@link OpenApiConformance}, installed for every test by platform/testing). This shows that it is installed here,
 * and that it fails a test whose answer the document does not allow.
 */
@RecommendationTest
class ApiDocumentTest {

    @Test
    void everyTestChecksItsResponsesAgainstTheDocument() {
        assertThat(RestAssured.filters()).anyMatch(OpenApiConformance.class::isInstance);
    }

    @Test
    void anUndocumentedStatusFailsTheTest() {
        // an Accept the API cannot serve is a 406 problem, a status no operation documents
        assertThatThrownBy(() -> given().auth()
                        .oauth2(DevTokens.customer("c-1"))
                        .accept("application/xml")
                        .when()
                        .get("/api/recommendations/c-1"))
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
    void thePreviewTakesTypedAnswersAndTheRoutineIsDescribed() {
        Management.given()
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/api/recommendations/preview'.post.'x-roles'", contains("storefront"))
                .body("paths.'/api/recommendations/{customerId}'.get.'x-roles'", contains("customer", "support"))
                .body(
                        "paths.'/api/recommendations/{customerId}'.get.responses.keySet()",
                        hasItems("200", "400", "401", "403", "404", "500", "503"))
                .body(
                        "components.schemas.PreviewRequest.properties.answers.allOf[0].'$ref'",
                        equalTo("#/components/schemas/Answers"))
                .body("components.schemas.Answers.required", hasItems("skinType", "concerns", "areas"))
                .body("components.schemas.Routine_V1.required", hasItems("locale", "am", "pm", "total"))
                .body("components.schemas.Routine_V1.properties.locale.'$ref'", equalTo("#/components/schemas/Locale"))
                .body("components.schemas.Routine_V1.properties.keySet()", not(hasItems("products")))
                .body("components.schemas.ProductRef_V1.properties.keySet()", not(hasItems("brand")))
                .body("components.schemas.Routine_V2.required", hasItems("locale", "am", "pm", "total"))
                .body("components.schemas.Routine_V2.properties.keySet()", hasItems("products", "placeholders"))
                .body("components.schemas.ProductRef_V2.properties.keySet()", hasItems("brand", "slug", "image"))
                .body("components.schemas.Warning_V2.properties.keySet()", hasItems("severity", "params", "steps"))
                .body("paths.'/api/v2/recommendations/{customerId}'.get.'x-roles'", contains("customer", "support"))
                .body(
                        "paths.'/api/v2/recommendations/{customerId}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Routine_V2"))
                .body("components.schemas.Money_V1.properties.amount.type", equalTo("string"))
                .body("components.schemas.Money_V2.properties.amount.type", equalTo("string"));
    }
}
