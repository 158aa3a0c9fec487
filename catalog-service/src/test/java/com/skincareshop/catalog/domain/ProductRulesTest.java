package com.skincareshop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductRulesTest {

    static ProductInput product(
            Category category,
            Integer spf,
            Map<String, String> names,
            List<ProductInput.IngredientInput> ingredients,
            String price,
            String currency) {
        return new ProductInput(
                null,
                category,
                "Lumen Lab",
                names,
                Map.of("en", "Copy."),
                ingredients,
                Set.of(Concern.DARK_SPOTS),
                Set.of(SkinType.NORMAL),
                Set.of(Area.FACE),
                TimeOfDay.AM,
                spf,
                ProductFormat.BOTTLE,
                null,
                new ProductInput.SizeInput(new BigDecimal("30"), SizeUnit.ML),
                new ProductInput.PriceInput(new BigDecimal(price), currency),
                5,
                null);
    }

    static ProductInput.IngredientInput inci(String name, String percent) {
        return new ProductInput.IngredientInput(name, percent == null ? null : new BigDecimal(percent));
    }

    private static final List<ProductInput.IngredientInput> SIMPLE =
            List.of(inci("Aqua", null), inci("Niacinamide", "5"));

    @Test
    void aValidSerumBreaksNoRule() {
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "Serum"), SIMPLE, "20.00", "EUR")))
                .isEmpty();
    }

    @Test
    void spfBelongsToSunscreensAndMoisturizersOnly() {
        assertThat(ProductRules.check(product(Category.SERUM, 30, Map.of("en", "S"), SIMPLE, "20", "EUR")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("spf");
        assertThat(ProductRules.check(product(Category.SUNSCREEN, null, Map.of("en", "S"), SIMPLE, "20", "EUR")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("spf");
        assertThat(ProductRules.check(product(Category.MOISTURIZER, 30, Map.of("en", "S"), SIMPLE, "20", "EUR")))
                .isEmpty();
        assertThat(ProductRules.check(product(Category.MOISTURIZER, null, Map.of("en", "S"), SIMPLE, "20", "EUR")))
                .isEmpty();
    }

    @Test
    void englishIsRequiredAndOnlyLaunchLocalesAreAccepted() {
        assertThat(ProductRules.check(
                        product(Category.SERUM, null, Map.of("lv", "Serums", "de", "Serum"), SIMPLE, "20", "EUR")))
                .extracting(ProductRules.Broken::field)
                .containsExactlyInAnyOrder("names.de", "names.en");
    }

    @Test
    void ingredientsAreUniqueAndDeclaredPercentagesFitIn100() {
        List<ProductInput.IngredientInput> twice =
                List.of(inci("Retinol", "0.3"), inci("Aqua", null), inci("RETINOL", null));
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), twice, "20", "EUR")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("ingredients[2].inci");
        List<ProductInput.IngredientInput> synonyms = List.of(
                inci("Aqua", null),
                inci("Water", null),
                inci("L-Ascorbic Acid", "10"),
                inci("Ascorbic Acid (Vitamin C)", null));
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), synonyms, "20", "EUR")))
                .extracting(ProductRules.Broken::field, ProductRules.Broken::message)
                .containsExactly(
                        tuple("ingredients[1].inci", "is listed twice: ingredients[0] names the same ingredient"),
                        tuple("ingredients[3].inci", "is listed twice: ingredients[2] names the same ingredient"));
        List<ProductInput.IngredientInput> tooMuch = List.of(inci("Aqua", "80"), inci("Glycolic Acid", "20.5"));
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), tooMuch, "20", "EUR")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("ingredients");
        List<ProductInput.IngredientInput> exactly = List.of(inci("Aqua", "80"), inci("Glycolic Acid", "20"));
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), exactly, "20", "EUR")))
                .isEmpty();
    }

    @Test
    void currencyMustBeIso4217AndAmountsFitItsMinorUnit() {
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), SIMPLE, "20", "XYZ")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("price.currency");
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), SIMPLE, "20.005", "EUR")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("price.amount");
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), SIMPLE, "2000.50", "JPY")))
                .extracting(ProductRules.Broken::field)
                .containsExactly("price.amount");
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), SIMPLE, "2000", "JPY")))
                .isEmpty();
        assertThat(ProductRules.check(product(Category.SERUM, null, Map.of("en", "S"), SIMPLE, "20.500", "EUR")))
                .isEmpty();
    }
}
