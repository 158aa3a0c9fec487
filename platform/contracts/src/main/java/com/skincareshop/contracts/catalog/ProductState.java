package com.skincareshop.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * transfer) and the body of {@code GET /api/products/{sku}}. {@code actives} and {@code containsFragrance} are
 * derived from {@code ingredients} by the catalogue, so that every consumer reads the same interpretation.
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
        Instant updatedAt) {

    /**
     * Sets of codes are held as unmodifiable {@link EnumSet}s, whatever built them (Jackson gives a {@code HashSet}):
     * the engine asks them thousands of questions per routine, and a bit test is cheaper than a hash lookup. They
     * then also serialize in code order.
     */
    public ProductState {
        concerns = codes(concerns, Concern.class);
        skinTypes = codes(skinTypes, SkinType.class);
        areas = codes(areas, Area.class);
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
