package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;

import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what to customer c's profile: c answers, reads and erases, with their own token or the one the
 * storefront holds for them; support reads and erases; the storefront's own token, a token for another customer and
 * anyone else 403; no token, or a malformed delegation, 401.
 */
@ProfileTest
class ProfileAccessTest {

    private static Arguments caller(
            String who,
            BiFunction<RequestSpecification, String, RequestSpecification> as,
            int put,
            int get,
            int delete) {
        return Arguments.of(who, as, put, get, delete);
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                caller("the customer themself", (r, c) -> r.auth().oauth2(DevTokens.customer(c)), 200, 200, 204),
                caller(
                        "the storefront, with the token it holds for the customer",
                        (r, c) -> r.auth().oauth2(DevTokens.storefrontFor(c)),
                        200,
                        200,
                        204),
                caller(
                        "the storefront's own token, bound to no customer",
                        (r, c) -> r.auth().oauth2(DevTokens.storefront()),
                        403,
                        403,
                        403),
                caller(
                        "the storefront, with the token it holds for another customer",
                        (r, c) -> r.auth().oauth2(DevTokens.storefrontFor("someone-else")),
                        403,
                        403,
                        403),
                caller("support", (r, c) -> r.auth().oauth2(DevTokens.support()), 403, 200, 204),
                caller(
                        "a delegated token with a staff role",
                        (r, c) -> r.auth()
                                .oauth2(DevTokens.sign(DevTokens.claims(c, Set.of("support"))
                                        .claim("act", Map.of("sub", "storefront")))),
                        403,
                        403,
                        403),
                caller(
                        "another customer",
                        (r, c) -> r.auth().oauth2(DevTokens.customer("someone-else")),
                        403,
                        403,
                        403),
                caller("merchandiser", (r, c) -> r.auth().oauth2(DevTokens.merchandiser()), 403, 403, 403),
                caller(
                        "a customer token without the customer role",
                        (r, c) -> r.auth().oauth2(DevTokens.issue(c, Set.of("guest"), Duration.ofHours(1))),
                        403,
                        403,
                        403),
                caller(
                        "an act claim that names no acting party",
                        (r, c) -> r.auth()
                                .oauth2(DevTokens.sign(
                                        DevTokens.claims(c, Set.of("customer")).claim("act", "storefront"))),
                        401,
                        401,
                        401),
                caller("no token", (r, c) -> r, 401, 401, 401),
                caller("expired token", (r, c) -> r.auth().oauth2(DevTokens.expiredMerchandiser()), 401, 401, 401));
    }

    @ParameterizedTest(name = "{0}: PUT {2}, GET {3}, DELETE {4}")
    @MethodSource("matrix")
    void accessMatrix(
            String who,
            BiFunction<RequestSpecification, String, RequestSpecification> as,
            int put,
            int get,
            int delete) {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);

        as.apply(given(), customer)
                .contentType(ContentType.JSON)
                .body(Requests.profile(Requests.answers()))
                .when()
                .put("/api/profiles/{id}", customer)
                .then()
                .statusCode(put)
                .contentType(put >= 400 ? "application/problem+json" : "application/json");
        as.apply(given(), customer)
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(get)
                .contentType(get >= 400 ? "application/problem+json" : "application/json");
        var deleted = as.apply(given(), customer)
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(delete);
        if (delete >= 400) {
            deleted.contentType("application/problem+json");
        }
        int expectedAfter = delete == 204 ? 404 : 200;
        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(expectedAfter);
    }
}
