package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.restassured.http.ContentType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad answer is a 400 problem+json naming the field; nothing is stored. */
@ProfileTest
class ProfileValidationTest {

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                bad("answers.skinType", a -> a.put("skinType", "GREASY")),
                bad("answers.skinType", a -> a.remove("skinType")),
                bad("answers.sensitive", a -> a.put("sensitive", "yes")),
                bad("answers.ageBand", a -> a.put("ageBand", 40)),
                bad("answers.concerns", a -> a.put("concerns", List.of())),
                bad("answers.concerns[0]", a -> a.put("concerns", List.of("WRINKLES"))),
                bad("answers.concerns[1]", a -> a.put("concerns", List.of("DULLNESS", "DULLNESS"))),
                bad("answers.sunExposureHours", a -> a.put("sunExposureHours", 25)),
                bad("answers.sunExposureHours", a -> a.put("sunExposureHours", -2)),
                bad("answers.pregnantOrBreastfeeding", a -> a.remove("pregnantOrBreastfeeding")),
                bad("answers.avoidIngredients", a -> a.put("avoidIngredients", Collections.nCopies(21, "Retinol"))),
                bad(
                        "answers.avoidIngredients[0]",
                        a -> a.put("avoidIngredients", List.of("<img src=x onerror=alert(1)>"))),
                bad("answers.areas", a -> a.put("areas", List.of())),
                bad("answers.budget.amount", a -> a.put("budget", Map.of("amount", "-10", "currency", "EUR"))),
                bad("answers.budget.currency", a -> a.put("budget", Map.of("amount", "10", "currency", "BTC"))),
                bad("answers.marketingConsent", a -> a.put("marketingConsent", 1)),
                bad("answers.shoeSize", a -> a.put("shoeSize", 42)),
                bad("answers.avoidIngredients[0]", a -> a.put("avoidIngredients", List.of("Retinol\u0000"))));
    }

    private static Arguments bad(String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(field, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void badAnswerIsA400NamingTheField(String field, Consumer<Map<String, Object>> breakIt) {
        String customer = Requests.newCustomerId();
        Map<String, Object> answers = Requests.answers();
        breakIt.accept(answers);
        Requests.put(customer, Requests.profile(answers))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:skincare:problem:validation"))
                .body("violations.field", hasItem(field));
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(404);
    }

    @Test
    void badEnvelopes() {
        String customer = Requests.newCustomerId();
        Map<String, Object> noAnswers = Requests.profile(Requests.answers());
        noAnswers.remove("answers");
        Requests.put(customer, noAnswers).then().statusCode(400).body("violations.field", hasItem("answers"));

        Map<String, Object> noVersion = Requests.profile(Requests.answers());
        noVersion.remove("questionnaireVersion");
        Requests.put(customer, noVersion)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("questionnaireVersion"));

        Map<String, Object> extra = Requests.profile(Requests.answers());
        extra.put("notes", "likes roses");
        Requests.put(customer, extra).then().statusCode(400).body("violations.field", hasItem("notes"));

        Map<String, Object> nulInLocale = Requests.profile(Requests.answers());
        nulInLocale.put("locale", "lv\u0000");
        Requests.put(customer, nulInLocale).then().statusCode(400).body("violations.field", hasItem("locale"));

        Map<String, Object> answersAsList = Requests.profile(Requests.answers());
        answersAsList.put("answers", List.of(1, 2));
        Requests.put(customer, answersAsList).then().statusCode(400).body("violations.field", hasItem("answers"));

        // the document breaks off inside "answers": that is where the problem is named
        Requests.put(customer, "{\"questionnaireVersion\": 1, \"answers\": {")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("answers"))
                .body("violations[0].message", Matchers.containsString("malformed JSON"));
        Requests.put(customer, "{\"questionnaireVersion\": 1,, }")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));
        Requests.put(customer, "").then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> huge = Requests.profile(Requests.answers());
        huge.put("locale", "x".repeat(70_000));
        Requests.put(customer, huge)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));

        given().auth()
                .oauth2(DevTokens.customer(customer))
                .contentType(ContentType.XML)
                .body("<answers/>")
                .when()
                .put("/api/profiles/{id}", customer)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(404);
    }

    @Test
    void malformedCustomerIdIsA400() {
        String bad = "bad id!";
        given().auth()
                .oauth2(DevTokens.storefront())
                .contentType(ContentType.JSON)
                .body(Requests.profile(Requests.answers()))
                .when()
                .put("/api/profiles/{id}", bad)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("customerId"));
    }
}
