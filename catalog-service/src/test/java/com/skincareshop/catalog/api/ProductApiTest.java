package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.Management;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CatalogTest
class ProductApiTest {

    private static Response put(String sku, Object body) {
        return given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/products/{sku}", sku);
    }

    @Test
    void createsReadsUpdatesAndDiscontinuesAProduct() {
        String sku = Products.uniqueSku("SER");
        Map<String, Object> serum = Products.vitaminCSerum("crud");

        put(sku, serum)
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/products/" + sku))
                .header("ETag", "\"1\"")
                .body("sku", equalTo(sku))
                .body("version", equalTo(1))
                .body("status", equalTo("ACTIVE"))
                .body("actives.code", hasItems("VITAMIN_C", "HYALURONIC_ACID"))
                .body("actives.find { it.code == 'VITAMIN_C' }.percent", equalTo(15))
                .body("containsFragrance", equalTo(false))
                .body("price.amount", equalTo("39.90"));

        given().when()
                .get("/api/products/{sku}?locale=lv", sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("locale", equalTo("lv"))
                .body("name", equalTo("Bright C 15 serums crud"))
                .body("names.en", equalTo("Bright C 15 Serum crud"))
                .body("updatedAt", notNullValue());

        // the same body again: nothing changes, no new version
        put(sku, serum).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));

        serum.put("stock", 0);
        put(sku, serum).then().statusCode(200).header("ETag", "\"2\"").body("stock", equalTo(0));

        given().auth()
                .oauth2(DevTokens.merchandiser())
                .when()
                .delete("/api/products/{sku}", sku)
                .then()
                .statusCode(204)
                .header("ETag", "\"3\"");
        given().when()
                .get("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISCONTINUED"))
                .body("version", equalTo(3));
        // discontinuing again is harmless and changes nothing
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .when()
                .delete("/api/products/{sku}", sku)
                .then()
                .statusCode(204)
                .header("ETag", "\"3\"");
    }

    /**
     * Reads keep product states by (sku, version): every read must still show the newest committed version, and a
     * write that was refused (a stale If-Match rolls back) must not leave its state behind.
     */
    @Test
    void readsShowEachNewVersionAndNothingOfARefusedWrite() {
        String sku = Products.uniqueSku("SER");
        Map<String, Object> serum = Products.vitaminCSerum("cached");
        put(sku, serum).then().statusCode(201);
        for (int i = 0; i < 2; i++) { // read twice: the second read is served from what the first kept
            given().when()
                    .get("/api/products/{sku}", sku)
                    .then()
                    .statusCode(200)
                    .body("price.amount", equalTo("39.90"));
            given().when()
                    .get("/api/products?q={q}", "cached")
                    .then()
                    .statusCode(200)
                    .body("items.find { it.sku == '" + sku + "' }.price.amount", equalTo("39.90"));
        }

        serum.put("price", Map.of("amount", "44.00", "currency", "EUR"));
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(serum)
                .header("If-Match", "\"7\"")
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(412);
        given().when()
                .get("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("price.amount", equalTo("39.90"));

        put(sku, serum).then().statusCode(200).header("ETag", "\"2\"");
        given().when()
                .get("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("price.amount", equalTo("44.00"));
        given().when()
                .get("/api/products?q={q}", "cached")
                .then()
                .statusCode(200)
                .body("items.find { it.sku == '" + sku + "' }.version", equalTo(2))
                .body("items.find { it.sku == '" + sku + "' }.price.amount", equalTo("44.00"));
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("cache=\"product-states\""));
    }

    @Test
    void anIngredientTheDictionaryDoesNotKnowIsStoredAndReported() {
        String sku = Products.uniqueSku("SER");
        Map<String, Object> serum = Products.vitaminCSerum("unknown");
        put(sku, serum).then().statusCode(201).body("unrecognizedIngredients", equalTo(List.of()));

        Products.ingredients(serum).add(Products.ingredient("Snail Mucin Essence", null));
        put(sku, serum)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("unrecognizedIngredients", equalTo(List.of("Snail Mucin Essence")))
                .body("actives.code", hasItems("VITAMIN_C", "HYALURONIC_ACID"));
        given().when()
                .get("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .body("unrecognizedIngredients", equalTo(List.of("Snail Mucin Essence")))
                .body("ingredients[4].inci", equalTo("Snail Mucin Essence"));

        String created = Products.uniqueSku("SER");
        put(created, serum)
                .then()
                .statusCode(201)
                .body("unrecognizedIngredients", equalTo(List.of("Snail Mucin Essence")));
    }

    @Test
    void whatGetReturnsCanBeEditedAndPutBack() {
        String sku = Products.uniqueSku("SER");
        Map<String, Object> serum = Products.vitaminCSerum("roundtrip");
        Products.ingredients(serum).add(Products.ingredient("Snail Mucin Essence", null)); // derived fields in the GET
        put(sku, serum).then().statusCode(201);
        Map<String, Object> read = given().when()
                .get("/api/products/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getMap("");
        read.put("stock", 7);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(read)
                .header("If-Match", "\"1\"")
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("stock", equalTo(7));
    }

    @Test
    void unknownLocaleFallsBackToEnglish() {
        String sku = Products.uniqueSku("SER");
        Map<String, Object> serum = Products.vitaminCSerum("fallback");
        serum.put("names", Map.of("en", "Only English"));
        serum.put("descriptions", Map.of("en", "Only English copy."));
        put(sku, serum).then().statusCode(201);

        given().when()
                .get("/api/products/{sku}?locale=tl", sku)
                .then()
                .statusCode(200)
                .body("locale", equalTo("tl"))
                .body("name", equalTo("Only English"));
        given().when()
                .get("/api/products/{sku}?locale=fr-FR", sku)
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("description", equalTo("Only English copy."));
    }

    @Test
    void ifMatchProtectsAgainstLostUpdates() {
        String sku = Products.uniqueSku("SER");
        Map<String, Object> serum = Products.vitaminCSerum("etag");
        put(sku, serum).then().statusCode(201);

        serum.put("stock", 5);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(serum)
                .header("If-Match", "\"1\"")
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");

        // a second writer still holding version 1 loses, and nothing is changed
        serum.put("stock", 99);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(serum)
                .header("If-Match", "\"1\"")
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412))
                .body("detail", containsString("version 2"));
        given().when().get("/api/products/{sku}", sku).then().body("stock", equalTo(5));

        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(serum)
                .header("If-Match", "*")
                .when()
                .put("/api/products/{sku}", Products.uniqueSku("NEW"))
                .then()
                .statusCode(412);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .header("If-Match", "\"7\"")
                .when()
                .delete("/api/products/{sku}", sku)
                .then()
                .statusCode(412);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(serum)
                .header("If-Match", "version-2")
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("If-Match"));
    }

    @Test
    void missingProductsAre404Problems() {
        given().when()
                .get("/api/products/{sku}", "NOPE-404")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("NOPE-404"));
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .when()
                .delete("/api/products/{sku}", "NOPE-404")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listsWithFiltersAndPages() {
        String tag = "flt" + UUID.randomUUID().toString().substring(0, 6);
        put(Products.uniqueSku("SER"), Products.vitaminCSerum(tag)).then().statusCode(201);
        Map<String, Object> dry = Products.vitaminCSerum(tag);
        dry.put("skinTypes", List.of("DRY"));
        dry.put("concerns", List.of("DEHYDRATION"));
        put(Products.uniqueSku("SER"), dry).then().statusCode(201);
        put(Products.uniqueSku("SPF"), Products.sunscreen(tag, 50)).then().statusCode(201);
        String gone = Products.uniqueSku("SER");
        put(gone, Products.vitaminCSerum(tag)).then().statusCode(201);
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .when()
                .delete("/api/products/{sku}", gone)
                .then()
                .statusCode(204);

        given().when()
                .get("/api/products?q=" + tag)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(3));
        given().when()
                .get("/api/products?q=" + tag + "&category=SUNSCREEN")
                .then()
                .body("total", equalTo(1))
                .body("items[0].spf", equalTo(50));
        given().when()
                .get("/api/products?q=" + tag + "&concern=DEHYDRATION")
                .then()
                .body("total", equalTo(1))
                .body("items[0].skinTypes", equalTo(List.of("DRY")));
        given().when()
                .get("/api/products?q=" + tag + "&skinType=oily&category=SERUM")
                .then()
                .body("total", equalTo(1));
        given().when()
                .get("/api/products?q=" + tag + "&status=DISCONTINUED")
                .then()
                .body("total", equalTo(1))
                .body("items[0].sku", equalTo(gone));
        given().when()
                .get("/api/products?q=" + tag.toUpperCase() + "&locale=lv&category=SERUM&concern=DARK_SPOTS")
                .then()
                .body("items[0].name", equalTo("Bright C 15 serums " + tag));

        // pages: 3 matches, 2 a page
        Response first = given().when().get("/api/products?q=" + tag + "&size=2&page=0");
        Response second = given().when().get("/api/products?q=" + tag + "&size=2&page=1");
        first.then()
                .body("items.size()", equalTo(2))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", equalTo(3));
        second.then().body("items.size()", equalTo(1)).body("page", equalTo(1));
        List<String> skus = new ArrayList<>(first.jsonPath().getList("items.sku", String.class));
        skus.addAll(second.jsonPath().getList("items.sku", String.class));
        assertThat(skus).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void searchTreatsWildcardsLiterally() {
        given().when().get("/api/products?q=%25").then().statusCode(200).body("total", equalTo(0));
        given().when().get("/api/products?q=_").then().statusCode(200).body("total", equalTo(0));
    }
}
