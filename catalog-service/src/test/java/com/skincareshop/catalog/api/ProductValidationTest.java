package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.platform.testing.DevTokens;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed field is a 4xx problem+json naming that field; nothing is stored. */
@CatalogTest
class ProductValidationTest {

    static Stream<Arguments> malformedFields() {
        return Stream.of(
                invalid("unknown category", "category", p -> p.put("category", "TONER")),
                invalid("category as a number", "category", p -> p.put("category", 1)),
                invalid("blank brand", "brand", p -> p.put("brand", "  ")),
                invalid(
                        "percentage over 100",
                        "ingredients[1].percent",
                        p -> Products.ingredients(p).set(1, Products.ingredient("Ascorbic Acid", 150))),
                invalid(
                        "negative percentage",
                        "ingredients[1].percent",
                        p -> Products.ingredients(p).set(1, Products.ingredient("Ascorbic Acid", -1))),
                invalid(
                        "percentages adding up past 100",
                        "ingredients",
                        p -> Products.ingredients(p).add(Products.ingredient("Glycerin", 90))),
                invalid(
                        "INCI listed twice",
                        "ingredients[4].inci",
                        p -> Products.ingredients(p).add(Products.ingredient("ascorbic  acid", null))),
                invalid(
                        "INCI listed twice under two names",
                        "ingredients[4].inci",
                        p -> Products.ingredients(p).add(Products.ingredient("L-Ascorbic Acid", null))),
                invalid(
                        "script in an INCI name",
                        "ingredients[0].inci",
                        p -> Products.ingredients(p).set(0, Products.ingredient("<script>alert(1)</script>", null))),
                invalid("no ingredients", "ingredients", p -> p.put("ingredients", List.of())),
                invalid(
                        "percentage as text",
                        "ingredients[1].percent",
                        p -> Products.ingredients(p).set(1, Map.of("inci", "Ascorbic Acid", "percent", "lots"))),
                invalid("negative price", "price.amount", p -> price(p).put("amount", "-4.00")),
                invalid("zero price", "price.amount", p -> price(p).put("amount", "0")),
                invalid("price with fractions of a cent", "price.amount", p -> price(p).put("amount", "9.999")),
                invalid("unknown currency", "price.currency", p -> price(p).put("currency", "XYZ")),
                invalid("lower-case currency", "price.currency", p -> price(p).put("currency", "eur")),
                invalid("SPF on a serum", "spf", p -> p.put("spf", 30)),
                invalid("SPF out of range", "spf", p -> {
                    p.put("category", "SUNSCREEN");
                    p.put("spf", 500);
                }),
                invalid("sunscreen without SPF", "spf", p -> p.put("category", "SUNSCREEN")),
                invalid("missing English name", "names.en", p -> p.put("names", Map.of("lv", "Serums"))),
                invalid("unsupported locale", "names.fr", p -> names(p).put("fr", "Sérum")),
                invalid("blank Tagalog name", "names.tl", p -> names(p).put("tl", " ")),
                invalid("name too long", "names.en", p -> names(p).put("en", "x".repeat(121))),
                invalid("missing English description", "descriptions.en", p -> p.put("descriptions", Map.of())),
                invalid("negative stock", "stock", p -> p.put("stock", -1)),
                invalid("fractional stock", "stock", p -> p.put("stock", 1.5)),
                invalid("stock as text", "stock", p -> p.put("stock", "many")),
                invalid("missing stock", "stock", p -> p.remove("stock")),
                invalid("no skin type", "skinTypes", p -> p.put("skinTypes", List.of())),
                invalid("unknown concern", "concerns[0]", p -> p.put("concerns", List.of("WRINKLES"))),
                invalid("unknown area", "areas[0]", p -> p.put("areas", List.of("FEET"))),
                invalid("missing time of day", "timeOfDay", p -> p.remove("timeOfDay")),
                invalid("size unit unknown", "size.unit", p -> p.put("size", Map.of("amount", 30, "unit", "OZ"))),
                invalid("size zero", "size.amount", p -> p.put("size", Map.of("amount", 0, "unit", "ML"))),
                invalid("misspelt field", "colour", p -> p.put("colour", "red")),
                invalid("NUL character in a name", "names.en", p -> names(p).put("en", "Serum\u0000")),
                invalid("NUL character in the brand", "brand", p -> p.put("brand", "Lumen\u0000Lab")),
                invalid(
                        "control character in a description",
                        "descriptions.en",
                        p -> p.put("descriptions", Map.of("en", "Bright\u0007 serum"))),
                invalid("sku in body differs from path", "sku", p -> p.put("sku", "OTHER-SKU")));
    }

    private static Arguments invalid(String what, String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(what, field, breakIt);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @MethodSource("malformedFields")
    void malformedFieldIsA400NamingTheField(String what, String field, Consumer<Map<String, Object>> breakIt) {
        String sku = Products.uniqueSku("BAD");
        Map<String, Object> product = Products.vitaminCSerum("invalid");
        breakIt.accept(product);

        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(product)
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:skincare:problem:validation"))
                .body("violations.field", hasItem(field));
        given().when().get("/api/products/{sku}", sku).then().statusCode(404);
    }

    @Test
    void badSkuInThePath() {
        Map<String, Object> product = Products.vitaminCSerum("badsku");
        for (String sku : List.of("lower-case", "HAS SPACE", "A--B", "AB", "X".repeat(41))) {
            given().auth()
                    .oauth2(DevTokens.merchandiser())
                    .contentType(ContentType.JSON)
                    .body(product)
                    .when()
                    .put("/api/products/{sku}", sku)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("sku"));
        }
    }

    @Test
    void malformedJsonNamesTheBody() {
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body("{\"category\": \"SERUM\",")
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("BAD"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", containsString("malformed JSON"));
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body("[1, 2]")
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("BAD"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body("{\"brand\": \"a\"} trailing")
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("BAD"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void emptyBodyNamesTheBody() {
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body("")
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("BAD"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("body"));
    }

    @Test
    void oversizedBodyIsA413NamingTheBody() {
        Map<String, Object> product = Products.vitaminCSerum("huge");
        product.put("brand", "x".repeat(70_000));
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(product)
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("BAD"))
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.TEXT)
                .body("category=SERUM")
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("BAD"))
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void badQueryParametersAre400sNamingTheParameter() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("category=TONER", "category");
        cases.put("concern=WRINKLES", "concern");
        cases.put("skinType=3", "skinType");
        cases.put("status=GONE", "status");
        cases.put("size=0", "size");
        cases.put("size=101", "size");
        cases.put("size=abc", "size");
        cases.put("page=-1", "page");
        cases.put("q=" + "x".repeat(101), "q");
        cases.forEach((query, field) -> given().when()
                .get("/api/products?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field)));
        // a NUL reaches the database as an error unless it is refused first
        given().queryParam("q", "serum\u0000")
                .when()
                .get("/api/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("q"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> price(Map<String, Object> product) {
        return (Map<String, Object>) product.get("price");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> names(Map<String, Object> product) {
        return (Map<String, Object>) product.get("names");
    }
}
