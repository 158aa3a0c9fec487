package com.skincareshop.profile.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.platform.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Profile bodies to start from (the example answers of docs/api.md) and the calls the tests make. */
public final class Requests {

    private Requests() {}

    public static String newCustomerId() {
        return "c-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static Map<String, Object> answers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("skinType", "OILY");
        answers.put("sensitive", false);
        answers.put("ageBand", "35_44");
        answers.put("concerns", new ArrayList<>(List.of("ENLARGED_PORES", "SAGGING_PORES")));
        answers.put("sunExposureHours", 5);
        answers.put("pregnantOrBreastfeeding", false);
        answers.put("avoidIngredients", new ArrayList<>(List.of("Fragrance")));
        answers.put("areas", new ArrayList<>(List.of("FACE")));
        answers.put("budget", new LinkedHashMap<>(Map.of("amount", "120.00", "currency", "EUR")));
        answers.put("marketingConsent", true);
        return answers;
    }

    public static Map<String, Object> profile(Map<String, Object> answers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("questionnaireVersion", 1);
        body.put("locale", "lv");
        body.put("answers", answers);
        return body;
    }

    /** {@link #profile} of {@link #answers} as compact JSON, for a test that edits the text itself. */
    public static String profileJson() {
        try {
            return new ObjectMapper().writeValueAsString(profile(answers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the customer themself. */
    public static Response put(String customerId, Object body) {
        return given().auth()
                .oauth2(DevTokens.customer(customerId))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/profiles/{id}", customerId);
    }
}
