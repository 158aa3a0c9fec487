package com.skincareshop.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.Texture;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The full state of a product after a change: the value of {@code catalog.products.v1} (event-carried state
 * transfer) and the body of {@code GET /api/products/{sku}}. {@code actives}, {@code containsFragrance} and
 * {@code unrecognizedIngredients} (the label names {@link InciDictionary} does not know, which no safety rule can
 * read) are derived from {@code ingredients} by the catalogue, so that every consumer reads the same interpretation.
 * Its contract on the topic is {@code events/schemas/catalog.products.v1.schema.json}: a field added here is added
 * there first (events/README.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductState(
        String sku,
        long version,
        ProductStatus status,
        Category category,
        String brand,
        Map<String, String> names,
        Map<String, String> descriptions,
        List<Ingredient> ingredients,
        List<ActiveStrength> actives,
        boolean containsFragrance,
        Set<Concern> concerns,
        Set<SkinType> skinTypes,
        Set<Area> areas,
        TimeOfDay timeOfDay,
        Integer spf,
        ProductFormat format,
        Texture texture,
        Size size,
        Money price,
        int stock,
        Instant updatedAt,
        List<String> unrecognizedIngredients) {

    /**
     * Sets of codes are held as unmodifiable {@link EnumSet}s, whatever built them (Jackson gives a {@code HashSet}):
     * the engine asks them thousands of questions per routine, and a bit test is cheaper than a hash lookup. They
     * then also serialize in code order.
     */
    public ProductState {
        concerns = codes(concerns, Concern.class);
        skinTypes = codes(skinTypes, SkinType.class);
        areas = codes(areas, Area.class);
        // never null, so that no consumer needs to check; a state published before the field existed reports none
        unrecognizedIngredients = unrecognizedIngredients == null ? List.of() : unrecognizedIngredients;
    }

    /**
     * The same product with its derived fields worked out again by this build's {@link InciDictionary}. A consumer
     * whose safety rules read the actives calls it on what it consumes: a state published before the dictionary
     * learnt a spelling ("Retinol (Vitamin A)") is then judged by what the dictionary knows now.
     */
    public ProductState withDerivedIngredients() {
        if (ingredients == null) {
            return this;
        }
        List<ActiveStrength> derived = InciDictionary.derive(ingredients);
        boolean fragrance = derived.stream().anyMatch(a -> a.code() == Active.FRAGRANCE);
        return new ProductState(
                sku,
                version,
                status,
                category,
                brand,
                names,
                descriptions,
                ingredients,
                derived,
                fragrance,
                concerns,
                skinTypes,
                areas,
                timeOfDay,
                spf,
                format,
                texture,
                size,
                price,
                stock,
                updatedAt,
                InciDictionary.unrecognized(ingredients));
    }

    private static <E extends Enum<E>> Set<E> codes(Set<E> values, Class<E> type) {
        if (values == null) {
            return null;
        }
        EnumSet<E> codes = EnumSet.noneOf(type);
        for (E value : values) {
            codes.add(Objects.requireNonNull(value, "a set of codes holds no null"));
        }
        return Collections.unmodifiableSet(codes);
    }
}
