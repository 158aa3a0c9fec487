package com.skincareshop.recommendation.engine.index;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.SkinType;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The products the engine may recommend: on sale ({@code ACTIVE}) and in stock, asked for by search rather than
 * listed, so that an index can answer without visiting the whole catalogue. {@link CatalogTable} is the index;
 * {@link FullScanCatalog} is the plain definition both must agree with.
 */
public interface CatalogView {

    /** Lower prices first, then skus: the order of {@link #cheapest}. */
    Comparator<ProductState> BY_PRICE =
            Comparator.comparing((ProductState p) -> p.price().amount()).thenComparing(ProductState::sku);

    /** The allowed product of the category with the highest score; of equal scores, the smallest sku. */
    Optional<ProductState> best(Category category, Search search);

    /**
     * The allowed product of the category with the lowest price; of equal prices, the smallest sku. {@code skinType}
     * (null: none given) is a hard filter {@code allowed} applies: an index need not visit what does not suit it.
     * {@code mayHold} tells from a group's ceiling traits whether it can hold an allowed product at all.
     * {@code groupAllows}, like {@link Search#allowsGroupOf} and {@link Search#allowsPartition} together, answers
     * alike for every product of a partition of a group; {@code allowed} implies it.
     */
    Optional<ProductState> cheapest(
            Category category,
            SkinType skinType,
            Predicate<Traits> mayHold,
            Predicate<ProductState> groupAllows,
            Predicate<ProductState> allowed);
}
