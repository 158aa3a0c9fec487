package com.skincareshop.catalog.domain;

import static com.skincareshop.catalog.domain.ProductRulesTest.inci;
import static com.skincareshop.catalog.domain.ProductRulesTest.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-02T10:00:00Z");

    private static ProductInput serum(String vitaminC, String price) {
        return product(
                Category.SERUM,
                null,
                Map.of("lv", "Serums", "en", " Bright Serum "),
                List.of(inci("Aqua", null), inci("Ascorbic  Acid", vitaminC), inci("Linalool", null)),
                price,
                "EUR");
    }

    @Test
    void firstVersionIsOneAndDerivesActivesAndFragrance() {
        Product product = Product.create("SER-1");
        assertThat(product.apply(serum("15", "39.9"), T1)).isTrue();

        ProductState state = product.toState();
        assertThat(state.version()).isEqualTo(1);
        assertThat(state.updatedAt()).isEqualTo(T1);
        assertThat(state.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(state.names()).containsExactly(Map.entry("en", "Bright Serum"), Map.entry("lv", "Serums"));
        assertThat(state.ingredients().get(1).inci()).isEqualTo("Ascorbic Acid");
        assertThat(state.actives()).extracting(a -> a.code()).containsExactly(Active.VITAMIN_C, Active.FRAGRANCE);
        assertThat(state.containsFragrance()).isTrue();
        assertThat(state.price().amount()).isEqualTo(new BigDecimal("39.90"));
    }

    @Test
    void keepsTheNamesTheDictionaryDoesNotKnowAndStillDerivesTheRest() {
        Product product = Product.create("SER-1");
        product.apply(
                product(
                        Category.SERUM,
                        null,
                        Map.of("en", "Serum"),
                        List.of(
                                inci("Aqua", null),
                                inci("Snake  Oil Extract", null),
                                inci("Retinol (Vitamin A)", "0.3"),
                                inci("Glycerin", null),
                                inci("Parfum*", null)),
                        "20",
                        "EUR"),
                T1);

        ProductState state = product.toState();
        assertThat(state.unrecognizedIngredients()).containsExactly("Snake Oil Extract");
        assertThat(state.actives())
                .containsExactly(
                        new ActiveStrength(Active.RETINOID, new BigDecimal("0.3"), "Retinol", false),
                        new ActiveStrength(Active.FRAGRANCE, null, "Parfum", false));
        assertThat(state.containsFragrance()).isTrue();

        product.apply(serum("15", "39.9"), T2);
        assertThat(product.toState().unrecognizedIngredients()).isEmpty();
    }

    @Test
    void anEquivalentResubmissionChangesNothing() {
        Product product = Product.create("SER-1");
        product.apply(serum("15", "39.9"), T1);
        // 15.00 is 15, 39.90 is 39.9: the same product
        assertThat(product.apply(serum("15.00", "39.90"), T2)).isFalse();
        assertThat(product.version()).isEqualTo(1);
        assertThat(product.toState().updatedAt()).isEqualTo(T1);
    }

    @Test
    void eachRealChangeAddsOneVersion() {
        Product product = Product.create("SER-1");
        product.apply(serum("15", "39.9"), T1);
        assertThat(product.apply(serum("20", "39.9"), T2)).isTrue();
        assertThat(product.version()).isEqualTo(2);
        assertThat(product.toState().updatedAt()).isEqualTo(T2);
        assertThat(product.toState().actives().get(0).percent()).isEqualByComparingTo("20");
    }

    @Test
    void discontinuingIsAVersionOnceAndThenANoOp() {
        Product product = Product.create("SER-1");
        product.apply(serum("15", "39.9"), T1);
        assertThat(product.discontinue(T2)).isTrue();
        assertThat(product.discontinue(T2)).isFalse();
        assertThat(product.version()).isEqualTo(2);
        assertThat(product.status()).isEqualTo(ProductStatus.DISCONTINUED);
        // a PUT without status puts it back on sale
        assertThat(product.apply(serum("15", "39.9"), T2)).isTrue();
        assertThat(product.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(product.version()).isEqualTo(3);
    }
}
