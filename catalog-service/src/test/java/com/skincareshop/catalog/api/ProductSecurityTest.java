package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.TokenIssuer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes need the merchandiser role: no token, or one that is expired, forged, for another audience or from another
 * issuer, is a 401 problem; another role 403; reads are public.
 */
@CatalogTest
class ProductSecurityTest {

    /** Right claims, wrong signing key. */
    private static final String FORGED = TokenIssuer.generate(DevTokens.ISSUER).merchandiser();
    /** The right key and issuer, for another API: a token the provider issued to someone else's audience. */
    private static final String OTHER_AUDIENCE = DevTokens.sign(
            DevTokens.claims("merch-1", Set.of("merchandiser")).audience("https://payments.skincareshop.example"));
    /** The right key and audience, from another issuer. */
    private static final String OTHER_ISSUER =
            TokenIssuer.development().as("https://auth.elsewhere.example").merchandiser();
    /** No audience at all. */
    private static final String NO_AUDIENCE =
            DevTokens.sign(Jwt.issuer(DevTokens.ISSUER).subject("merch-1").groups(Set.of("merchandiser")));

    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of("no token", (Function<RequestSpecification, RequestSpecification>) r -> r, 401),
                Arguments.of(
                        "expired merchandiser token",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(DevTokens.expiredMerchandiser()),
                        401),
                Arguments.of(
                        "forged merchandiser token",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(FORGED),
                        401),
                Arguments.of(
                        "merchandiser token for another audience",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(OTHER_AUDIENCE),
                        401),
                Arguments.of(
                        "merchandiser token without an audience",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(NO_AUDIENCE),
                        401),
                Arguments.of(
                        "merchandiser token from another issuer",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(OTHER_ISSUER),
                        401),
                Arguments.of(
                        "garbage token",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2("not.a.jwt"),
                        401),
                Arguments.of(
                        "customer",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(DevTokens.customer("c-1")),
                        403),
                Arguments.of(
                        "storefront",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(DevTokens.storefront()),
                        403),
                Arguments.of(
                        "support",
                        (Function<RequestSpecification, RequestSpecification>)
                                r -> r.auth().oauth2(DevTokens.support()),
                        403));
    }

    @ParameterizedTest(name = "{0} cannot write")
    @MethodSource("callers")
    void onlyMerchandisersWrite(String who, Function<RequestSpecification, RequestSpecification> as, int status) {
        String sku = Products.uniqueSku("SEC");
        as.apply(given())
                .contentType(ContentType.JSON)
                .body(Products.vitaminCSerum("sec"))
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status));
        as.apply(given())
                .when()
                .delete("/api/products/{sku}", sku)
                .then()
                .statusCode(status)
                .contentType("application/problem+json");
        as.apply(given())
                .contentType("application/x-ndjson")
                .body("{}\n".getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/products/import")
                .then()
                .statusCode(status)
                .contentType("application/problem+json");
        given().when().get("/api/products/{sku}", sku).then().statusCode(404);
    }

    @Test
    void unauthenticatedAnswersSayBearer() {
        given().contentType(ContentType.JSON)
                .body(Products.vitaminCSerum("sec"))
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("SEC"))
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void merchandiserWritesAndAnyoneReads() {
        String sku = Products.uniqueSku("SEC");
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(Products.vitaminCSerum("sec"))
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(201);
        given().when().get("/api/products/{sku}", sku).then().statusCode(200);
        given().auth()
                .oauth2(DevTokens.customer("c-1"))
                .when()
                .get("/api/products/{sku}", sku)
                .then()
                .statusCode(200);
        given().when().get("/api/products?size=1").then().statusCode(200);
    }
}
