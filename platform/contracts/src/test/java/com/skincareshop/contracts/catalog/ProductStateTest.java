package com.skincareshop.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductStateTest {

    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private static ProductState withCodes(Set<Concern> concerns, Set<SkinType> skinTypes, Set<Area> areas) {
        return new ProductState(
                "S1",
                1,
                ProductStatus.ACTIVE,
                Category.SERUM,
                "Brand",
                Map.of("en", "Serum"),
                Map.of(),
                List.of(),
                List.of(),
                false,
                concerns,
                skinTypes,
                areas,
                null,
                null,
                null,
                null,
                null,
                new Money(new BigDecimal("10.00"), "EUR"),
                3,
                null,
                List.of());
    }

    @Test
    void aStatePublishedWithAnOlderDictionaryIsJudgedByTheCurrentOne() {
        // as an older catalogue published it: the label spellings were no active at all
        ProductState published = new ProductState(
                "S1",
                4,
                ProductStatus.ACTIVE,
                Category.MOISTURIZER,
                "Brand",
                Map.of("en", "Cream"),
                Map.of(),
                List.of(
                        new Ingredient("Aqua", null),
                        new Ingredient("Retinol (Vitamin A)", new BigDecimal("0.3")),
                        new Ingredient("Parfum (Fragrance)", null),
                        new Ingredient("Xyzzy Root Extract", null)),
                List.of(),
                false,
                Set.of(),
                Set.of(SkinType.DRY),
                Set.of(Area.FACE),
                null,
                null,
                null,
                null,
                null,
                new Money(new BigDecimal("10.00"), "EUR"),
                3,
                null,
                null);

        ProductState current = published.withDerivedIngredients();

        assertThat(current.actives())
                .extracting(ActiveStrength::code)
                .containsExactly(Active.RETINOID, Active.FRAGRANCE);
        assertThat(current.containsFragrance()).isTrue();
        assertThat(current.unrecognizedIngredients()).containsExactly("Xyzzy Root Extract");
        assertThat(current.version()).isEqualTo(4);
        assertThat(current.ingredients()).isEqualTo(published.ingredients());
    }

    @Test
    void setsOfCodesBecomeUnmodifiableSetsInCodeOrder() {
        Set<SkinType> given = new LinkedHashSet<>(List.of(SkinType.NORMAL, SkinType.DRY, SkinType.OILY));
        ProductState product = withCodes(Set.of(), given, Set.of(Area.HANDS, Area.FACE));

        assertThat(product.skinTypes()).containsExactly(SkinType.DRY, SkinType.OILY, SkinType.NORMAL);
        assertThat(product.areas()).containsExactly(Area.FACE, Area.HANDS);
        assertThat(product.concerns()).isEmpty();
        assertThatThrownBy(() -> product.areas().add(Area.FACE)).isInstanceOf(UnsupportedOperationException.class);
        given.clear(); // a copy: the caller's set changes nothing
        assertThat(product.skinTypes()).hasSize(3);
        assertThat(product)
                .isEqualTo(withCodes(
                        Set.of(),
                        EnumSet.of(SkinType.DRY, SkinType.OILY, SkinType.NORMAL),
                        Set.of(Area.FACE, Area.HANDS)));
    }

    @Test
    void absentSetsStayAbsent() {
        assertThat(withCodes(null, null, null).areas()).isNull();
    }

    @Test
    void aStateWithoutUnrecognizedIngredientsReportsNone() throws Exception {
        ProductState built = new ProductState(
                "S1",
                1,
                ProductStatus.ACTIVE,
                Category.SERUM,
                "Brand",
                Map.of("en", "Serum"),
                Map.of(),
                List.of(),
                List.of(),
                false,
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                null,
                null,
                new Money(new BigDecimal("10.00"), "EUR"),
                3,
                null,
                null);
        assertThat(built.unrecognizedIngredients()).isEmpty();

        // as published before the field existed
        String json = JSON.writeValueAsString(withCodes(Set.of(), Set.of(), Set.of()));
        ProductState read = JSON.readValue(json.replace(",\"unrecognizedIngredients\":[]", ""), ProductState.class);
        assertThat(json).contains("\"unrecognizedIngredients\":[]");
        assertThat(read.unrecognizedIngredients()).isEmpty();
    }

    @Test
    void activesReadAsWrittenBeforeTheyHadAFormAndATrace() throws Exception {
        ActiveStrength old = JSON.readValue("{\"code\":\"RETINOID\",\"percent\":0.3}", ActiveStrength.class);
        assertThat(old).isEqualTo(new ActiveStrength(Active.RETINOID, new BigDecimal("0.3")));

        ActiveStrength trace = new ActiveStrength(Active.HYALURONIC_ACID, null, "Sodium Hyaluronate", true);
        String json = JSON.writeValueAsString(trace);
        assertThat(json).isEqualTo("{\"code\":\"HYALURONIC_ACID\",\"form\":\"Sodium Hyaluronate\",\"trace\":true}");
        assertThat(JSON.readValue(json, ActiveStrength.class)).isEqualTo(trace);
    }

    @Test
    void jsonKeepsCodeOrderBothWays() throws Exception {
        String json = JSON.writeValueAsString(withCodes(
                EnumSet.of(Concern.DULLNESS, Concern.FIRMNESS),
                EnumSet.of(SkinType.OILY),
                EnumSet.of(Area.HANDS, Area.FACE)));
        assertThat(json)
                .contains("\"concerns\":[\"FIRMNESS\",\"DULLNESS\"]")
                .contains("\"areas\":[\"FACE\",\"HANDS\"]");

        ProductState read =
                JSON.readValue(json.replace("[\"FACE\",\"HANDS\"]", "[\"HANDS\",\"FACE\"]"), ProductState.class);
        assertThat(read.areas()).containsExactly(Area.FACE, Area.HANDS);
        assertThat(read.areas().contains(Area.HANDS)).isTrue();
    }
}
