package com.skincareshop.catalog.domain;

import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;

/** A listing filter; null fields do not filter. {@code page} counts from 0. */
public record ProductQuery(
        Category category,
        Concern concern,
        SkinType skinType,
        Area area,
        ProductStatus status,
        String text,
        int page,
        int size) {}
