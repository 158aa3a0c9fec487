package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.recommendation.engine.index.Search;
import com.skincareshop.recommendation.engine.index.Traits;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One step's question to the catalogue. The skin type is a hard filter of every step ({@link Eligibility}), so a
 * product that does not suit it scores infinitely less: the index never visits those. {@code allows} must imply
 * {@code groupAllows} (see {@link Fit}).
 */
record StepSearch(
        SkinType skinType,
        int concerns,
        PartitionFilter partitionAllows,
        Predicate<ProductState> groupAllows,
        Predicate<ProductState> allows,
        ToDoubleFunction<ProductState> scorer,
        ToDoubleFunction<Traits> bounds)
        implements Search {

    @Override
    public double bound(Traits traits) {
        return bounds.applyAsDouble(traits);
    }

    @Override
    public double unsuitedPenalty() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean allows(ProductState product) {
        return allows.test(product);
    }

    /** What {@link Search#allowsPartition} reads. */
    interface PartitionFilter {
        boolean allows(int exclusions, String currency);
    }

    @Override
    public boolean allowsPartition(int exclusions, String currency) {
        return partitionAllows.allows(exclusions, currency);
    }

    @Override
    public boolean allowsGroupOf(ProductState member) {
        return groupAllows.test(member);
    }

    @Override
    public double score(ProductState product) {
        return scorer.applyAsDouble(product);
    }
}
