package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storefront answers for a signed-in customer with the token it holds for them, but marketing consent stays the
 * customer's own decision: a change of it, either way, is a 403 naming {@code answers.marketingConsent}, and nothing
 * is stored; the customer's own token changes it. The storefront reads the current answers, not the history.
 */
@ProfileTest
class DelegatedAnswersTest {

    @Test
    void theStorefrontCannotGiveConsentForANewCustomer() {
        String customer = Requests.newCustomerId();
        refused(asStorefront(customer, consent(true)), false);
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(404); // nothing was stored
        asStorefront(customer, consent(false)).statusCode(201).body("answers.marketingConsent", equalTo(false));
    }

    @Test
    void consentChangesComeFromTheCustomerThemself() {
        String customer = Requests.newCustomerId();
        asStorefront(customer, consent(false)).statusCode(201).body("version", equalTo(1));
        refused(asStorefront(customer, consent(true)), false);

        // the customer gives consent; the storefront may then change other answers, sending the consent as stored
        asCustomer(customer, consent(true)).statusCode(200).body("version", equalTo(2));
        Map<String, Object> otherAnswers = consent(true);
        otherAnswers.put("sunExposureHours", 1);
        asStorefront(customer, otherAnswers).statusCode(200).body("version", equalTo(3));
        // ... but not withdraw it: that too is the customer's
        refused(asStorefront(customer, consent(false)), true);
        asCustomer(customer, consent(false)).statusCode(200).body("answers.marketingConsent", equalTo(false));

        given().auth()
                .oauth2(DevTokens.storefrontFor(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(200)
                .body("version", equalTo(4))
                .body("$", not(hasKey("history")));
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(200)
                .body("history.version", contains(4, 3, 2, 1)) // newest first
                .body("history.answers.marketingConsent", contains(false, true, true, false));
    }

    private static void refused(ValidatableResponse response, boolean stored) {
        response.statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:skincare:problem:consent-not-delegable"))
                .body("violations.field", contains("answers.marketingConsent"))
                .body("violations[0].message", containsString("stored (" + stored + ")"))
                .body("violations[0].message", containsString("held for them by storefront"));
    }

    private static Map<String, Object> consent(boolean given) {
        Map<String, Object> answers = Requests.answers();
        answers.put("marketingConsent", given);
        return answers;
    }

    private static ValidatableResponse asStorefront(String customer, Map<String, Object> answers) {
        return put(DevTokens.storefrontFor(customer), customer, answers);
    }

    private static ValidatableResponse asCustomer(String customer, Map<String, Object> answers) {
        return put(DevTokens.customer(customer), customer, answers);
    }

    private static ValidatableResponse put(String token, String customer, Map<String, Object> answers) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Requests.profile(answers))
                .when()
                .put("/api/profiles/{id}", customer)
                .then();
    }
}
