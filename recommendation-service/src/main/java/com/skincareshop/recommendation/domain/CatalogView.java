package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;

import java.util.Collection;

/** The products the engine may recommend: on sale ({@code ACTIVE}) and in stock. */
public interface CatalogView {

    Collection<ProductState> available(Category category);
}
