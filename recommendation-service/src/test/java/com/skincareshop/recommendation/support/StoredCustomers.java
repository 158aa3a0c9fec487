package com.skincareshop.recommendation.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.KafkaBroker;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/** A customer whose profile the service has consumed: what the API tests read routines of. */
public final class StoredCustomers {

    private StoredCustomers() {}

    /**
     * Publishes a new customer's profile and waits until {@code routinePath} (a routine endpoint, with {@code {id}})
     * answers 200 for them; returns the customer's id.
     */
    public static String withProfile(
            KafkaBroker broker,
            ObjectMapper json,
            String idPrefix,
            long version,
            Answers answers,
            String locale,
            String routinePath) {
        String customer = idPrefix + UUID.randomUUID().toString().substring(0, 12);
        try (Publisher publisher = new Publisher(broker, json)) {
            publisher.profile(customer, version, answers, locale);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(DevTokens.storefrontFor(customer))
                                .when()
                                .get(routinePath, customer)
                                .statusCode()
                        == 200);
        return customer;
    }
}
