package com.skincareshop.recommendation.engine.index;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.SkinType;

/**
 * One question the engine asks the catalogue: of the products this search {@link #allows}, which has the highest
 * {@link #score}, ties going to the smallest sku. {@link #bound} lets an index answer it without scoring every
 * product: it must never be below the score of a product with those traits, and is best when it equals it.
 */
public interface Search {

    /** The customer's skin type; null when not given, and then every product counts as suiting it. */
    SkinType skinType();

    /**
     * Bit per {@link com.skincareshop.contracts.vocabulary.Concern} ordinal: the concerns {@link #bound} reads
     * ({@link Traits#valueFor}); of the rest of a group's traits it reads only what grows with them. An index may
     * then bound a whole family of groups that agree on these concerns at once.
     */
    int concerns();

    /**
     * The highest score a product with these traits (a group's ceiling) can reach when it suits the customer's skin
     * type; {@link Double#NEGATIVE_INFINITY} when no such product can be allowed.
     */
    double bound(Traits traits);

    /**
     * How much less, at least, a product scores when it does not suit the customer's skin type; infinite when the
     * skin type is a hard filter, as it is for every step of the routine.
     */
    double unsuitedPenalty();

    /** The hard filters and the step's own conditions. */
    boolean allows(ProductState product);

    /**
     * False when no product with these {@link com.skincareshop.recommendation.engine.rules.Exclusions} and price
     * currency can be allowed: an index that keeps them beside a partition of its products refuses the partition with
     * it, before reading any product.
     */
    default boolean allowsPartition(int exclusions, String currency) {
        return true;
    }

    /**
     * False when no product of the group {@code member} belongs to can be allowed: the part of {@link #allows} that
     * reads only what a group's key holds ({@link Traits#key()}), so that it answers alike for every member.
     */
    default boolean allowsGroupOf(ProductState member) {
        return true;
    }

    double score(ProductState product);
}
