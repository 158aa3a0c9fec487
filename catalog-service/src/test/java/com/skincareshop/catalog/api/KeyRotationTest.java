package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.JwksResource;
import com.skincareshop.platform.testing.JwksServer;
import com.skincareshop.platform.testing.TokenIssuer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The service verifies tokens against the identity provider's JWKS URL (served over local HTTP here), so the
 * provider rotates its signing key without a restart: a token signed with the new key, named by its new {@code kid},
 * is accepted by the running service, which fetches the key set again the first time it sees that key id; once the
 * old key is withdrawn from the set, its tokens are refused: at once for a token not seen before, and once the
 * verified-token cache's max-age has passed for one already verified.
 */
@CatalogTest
@WithTestResource(value = JwksResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class KeyRotationTest {

    /** Filled by {@link JwksResource}. */
    JwksServer jwks;

    @Test
    void aRotatedKeyIsAcceptedWithoutARestartAndTheRetiredOneRefused() {
        TokenIssuer first = jwks.published().get(0);
        String beforeRotation = first.merchandiser();
        write(beforeRotation).statusCode(201);
        int fetchesBefore = jwks.fetches();

        // the provider rotates: a new key pair under a new key id, and the old key withdrawn from the set
        TokenIssuer next = first.rotated();
        assertThat(next.keyId()).isNotEqualTo(first.keyId());
        jwks.publish(next);

        write(next.merchandiser()).statusCode(201);
        assertThat(jwks.fetches())
                .as("the unknown key id made the service fetch the key set again")
                .isEqualTo(fetchesBefore + 1);
        // a token of the withdrawn key that was never verified is refused at once
        write(first.issue("merch-2", Set.of("merchandiser"), Duration.ofMinutes(5)))
                .statusCode(401)
                .contentType("application/problem+json");
        // one verified before it was withdrawn is held by the verified tokens for their max-age (2 s here) at most
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> write(beforeRotation).statusCode(401).contentType("application/problem+json"));
        write(next.merchandiser()).statusCode(201);
        // nor is the development key the one configured here
        write(DevTokens.merchandiser()).statusCode(401).contentType("application/problem+json");
    }

    private static ValidatableResponse write(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Products.vitaminCSerum("rotation"))
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("ROT"))
                .then();
    }
}
