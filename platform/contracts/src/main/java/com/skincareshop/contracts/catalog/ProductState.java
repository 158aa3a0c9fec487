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
import java.util.List;
import java.util.Map;
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
}
