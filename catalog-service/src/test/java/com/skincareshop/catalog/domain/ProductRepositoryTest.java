package com.skincareshop.catalog.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.platform.testing.DevTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The listing's query without filters, and by area, which the API tests do not reach. */
@CatalogTest
class ProductRepositoryTest {

    @Inject
    ProductRepository products;

    private static void put(String sku, Map<String, Object> body) {
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/products/{sku}", sku)
                .then()
                .statusCode(201);
    }

    private ProductRepository.KeyPage keys(Area area, String text, int page, int size) {
        return QuarkusTransaction.requiringNew()
                .call(() -> products.findKeys(new ProductQuery(null, null, null, area, null, text, page, size)));
    }

    @Test
    void withoutFiltersPagesThroughEveryProductInSkuOrder() {
        String tag = "all" + UUID.randomUUID().toString().substring(0, 6);
        String sku = Products.uniqueSku("SER");
        put(sku, Products.vitaminCSerum(tag));
        long stored = QuarkusTransaction.requiringNew().call(() -> products.count());

        ProductRepository.KeyPage all = keys(null, null, 0, (int) stored);
        assertThat(all.total()).isEqualTo(stored);
        assertThat(all.keys()).hasSize((int) stored);
        assertThat(all.keys().stream().map(ProductRepository.ProductKey::sku).toList())
                .isSorted()
                .contains(sku);
        assertThat(all.keys()).contains(new ProductRepository.ProductKey(sku, 1));

        ProductRepository.KeyPage second = keys(null, null, 1, 1);
        assertThat(second.total()).isEqualTo(stored);
        assertThat(second.keys()).containsExactly(all.keys().get(1));
    }

    @Test
    void byAreaFindsOnlyTheProductsForThatArea() {
        String tag = "area" + UUID.randomUUID().toString().substring(0, 6);
        String face = Products.uniqueSku("SER");
        put(face, Products.vitaminCSerum(tag));
        Map<String, Object> hands = Products.vitaminCSerum(tag);
        hands.put("areas", List.of("HANDS"));
        String handCream = Products.uniqueSku("SER");
        put(handCream, hands);
        Map<String, Object> both = Products.vitaminCSerum(tag);
        both.put("areas", List.of("FACE", "HANDS"));
        String faceAndHands = Products.uniqueSku("SER");
        put(faceAndHands, both);

        assertThat(keys(Area.FACE, tag, 0, 10).keys())
                .extracting(ProductRepository.ProductKey::sku)
                .containsExactlyElementsOf(
                        List.of(face, faceAndHands).stream().sorted().toList());
        assertThat(keys(Area.HANDS, tag, 0, 10).keys())
                .extracting(ProductRepository.ProductKey::sku)
                .containsExactlyElementsOf(
                        List.of(handCream, faceAndHands).stream().sorted().toList());
        assertThat(keys(Area.HANDS, tag, 0, 10).total()).isEqualTo(2);
    }

    @Test
    void theVersionOfAProductThatIsNotThereIsEmpty() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> products.findVersion("NO-SUCH-SKU")))
                .isEmpty();
    }
}
