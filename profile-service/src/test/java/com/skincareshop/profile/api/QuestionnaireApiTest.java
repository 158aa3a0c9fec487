package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.skincareshop.profile.support.ProfileTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@ProfileTest
class QuestionnaireApiTest {

    private static final List<String> IDS = List.of(
            "skinType",
            "sensitive",
            "ageBand",
            "concerns",
            "sunExposureHours",
            "pregnantOrBreastfeeding",
            "avoidIngredients",
            "areas",
            "budget",
            "marketingConsent");

    @Test
    void servesTheQuestionnaireInEachLocale() {
        String en = given().when()
                .get("/api/questionnaire?locale=en")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("locale", equalTo("en"))
                .body("questions.id", equalTo(IDS))
                .body("questions[0].type", equalTo("SINGLE_CHOICE"))
                .body("questions[0].options.code", equalTo(List.of("DRY", "OILY", "COMBINATION", "NORMAL")))
                .body("questions[3].minSelected", equalTo(1))
                .body("questions[3].maxSelected", equalTo(5))
                .body("questions[4].max", equalTo(24))
                .body("questions[8].currencies", equalTo(List.of("EUR")))
                .extract()
                .path("questions[0].label");
        String tl = given().when()
                .get("/api/questionnaire?locale=tl")
                .then()
                .statusCode(200)
                .body("locale", equalTo("tl"))
                .body("questions.id", equalTo(IDS))
                .body("questions[0].label", not(equalTo(en)))
                .extract()
                .path("questions[0].label");
        given().when()
                .get("/api/questionnaire?locale=lv")
                .then()
                .statusCode(200)
                .body("locale", equalTo("lv"))
                .body("questions[0].label", not(equalTo(en)))
                .body("questions[0].label", not(equalTo(tl)))
                .body("questions[2].options.code", equalTo(List.of("UNDER_25", "25_34", "35_44", "45_54", "55_PLUS")));
    }

    @Test
    void unknownLocaleFallsBackToEnglish() {
        String en = given().when()
                .get("/api/questionnaire?locale=en")
                .then()
                .extract()
                .path("questions[1].label");
        given().when()
                .get("/api/questionnaire?locale=xx")
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("questions[1].label", equalTo(en));
        given().when().get("/api/questionnaire").then().statusCode(200).body("locale", equalTo("en"));
        given().when()
                .get("/api/questionnaire?locale=lv-LV")
                .then()
                .statusCode(200)
                .body("locale", equalTo("lv"));
    }

    @Test
    void declaresWhichQuestionsDependOnEarlierAnswers() {
        given().when()
                .get("/api/questionnaire?locale=en")
                .then()
                .body("questions.find { it.id == 'pregnantOrBreastfeeding' }.showIf.question", equalTo("ageBand"))
                .body(
                        "questions.find { it.id == 'pregnantOrBreastfeeding' }.showIf.in",
                        equalTo(List.of("UNDER_25", "25_34", "35_44", "45_54")));
    }
}
