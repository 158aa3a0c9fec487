package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@ProfileTest
class ProfileApiTest {

    @Test
    void answersAreStoredNormalizedWithAHistory() {
        String customer = Requests.newCustomerId();
        Map<String, Object> answers = Requests.answers();
        answers.put("avoidIngredients", List.of(" Fragrance ", "fragrance", "Retinol"));
        answers.put("areas", List.of("HANDS", "FACE"));

        Requests.put(customer, Requests.profile(answers))
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/profiles/" + customer))
                .header("ETag", "\"1\"")
                .body("customerId", equalTo(customer))
                .body("version", equalTo(1))
                .body("questionnaireVersion", equalTo(1))
                .body("locale", equalTo("lv"))
                .body("answers.avoidIngredients", equalTo(List.of("Fragrance", "Retinol")))
                .body("answers.areas", equalTo(List.of("FACE", "HANDS")))
                .body("answers.concerns", equalTo(List.of("ENLARGED_PORES", "SAGGING_PORES")))
                .body("answers.budget.amount", equalTo("120.00"));

        // the same answers again: no new version
        Requests.put(customer, Requests.profile(answers)).then().statusCode(200).header("ETag", "\"1\"");

        answers.put("concerns", List.of("SAGGING_PORES", "ENLARGED_PORES")); // order of importance changed
        Requests.put(customer, Requests.profile(answers)).then().statusCode(200).body("version", equalTo(2));

        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("answers.concerns[0]", equalTo("SAGGING_PORES"))
                .body("createdAt", notNullValue())
                .body("history.version", equalTo(List.of(2, 1)))
                .body("history[1].answers.concerns[0]", equalTo("ENLARGED_PORES"));
    }

    @Test
    void erasureRemovesEverythingAndIsIdempotent() {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);

        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);

        // answering again starts a new profile, whose versions go on from the erasure's (version 2)
        Requests.put(customer, Requests.profile(Requests.answers()))
                .then()
                .statusCode(201)
                .body("version", equalTo(3));
    }

    @Test
    void unknownQuestionnaireVersionIsA400() {
        Map<String, Object> body = Requests.profile(Requests.answers());
        body.put("questionnaireVersion", 99);
        Requests.put(Requests.newCustomerId(), body)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("questionnaireVersion"))
                .body("violations[0].message", containsString("current one is 1"));
    }

    @Test
    void localeIsNormalizedAndFallsBackToEnglish() {
        String customer = Requests.newCustomerId();
        Map<String, Object> body = Requests.profile(Requests.answers());
        body.put("locale", "tl-PH");
        Requests.put(customer, body).then().statusCode(201).body("locale", equalTo("tl"));
        body.remove("locale");
        Requests.put(customer, body)
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("version", equalTo(2));
    }

    @Test
    void hiddenQuestionsAreNotRequired() {
        Map<String, Object> answers = Requests.answers();
        answers.put("ageBand", "55_PLUS");
        answers.remove("pregnantOrBreastfeeding");
        Requests.put(Requests.newCustomerId(), Requests.profile(answers))
                .then()
                .statusCode(201)
                .body("answers.pregnantOrBreastfeeding", equalTo(false))
                .body("answers.budget.currency", equalTo("EUR"));
        answers.remove("budget");
        Requests.put(Requests.newCustomerId(), Requests.profile(answers))
                .then()
                .statusCode(201)
                .body("answers.budget", nullValue());
    }

    @Test
    void answersNeverReachTheLog() throws IOException {
        String marker = "Zzmarker" + UUID.randomUUID().toString().substring(0, 8);
        String customer = Requests.newCustomerId();
        Map<String, Object> answers = Requests.answers();
        answers.put("avoidIngredients", List.of(marker));
        Requests.put(customer, Requests.profile(answers)).then().statusCode(201);
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(200);
        // a rejected submission echoes the bad value to its sender only
        answers.put("avoidIngredients", List.of(marker + "<script>"));
        Requests.put(customer, Requests.profile(answers)).then().statusCode(400);
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);

        String log = Files.readString(Path.of("target/profile-service-test.log"));
        assertThat(log).isNotEmpty().doesNotContain(marker);
    }
}
