package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import java.util.function.Predicate;

/**
 * What a step requires of a product, in two parts: {@code group}, which reads only what the catalogue index keeps in
 * its groups' keys (the safety bits of {@link com.skincareshop.recommendation.engine.rules.Safety}, time of day,
 * category, areas, presence of an SPF), so that every product of a group passes or fails it alike and the index can
 * refuse a group by one of its products; and {@code product}, the rest.
 */
record Fit(Predicate<ProductState> group, Predicate<ProductState> product) {

    static Fit ofGroup(Predicate<ProductState> group) {
        return new Fit(group, p -> true);
    }

    Fit and(Predicate<ProductState> more) {
        return new Fit(group, product.and(more));
    }

    boolean test(ProductState candidate) {
        return group.test(candidate) && product.test(candidate);
    }
}
