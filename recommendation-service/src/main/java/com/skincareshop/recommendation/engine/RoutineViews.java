package com.skincareshop.recommendation.engine;

/**
 * The versions of the routine response, as Jackson views: one set of records, two shapes. Fields marked {@link V2}
 * appear only in {@code /api/v2/recommendations}; every other field is in both, unchanged, so a client of the first
 * version never sees its response change.
 */
public final class RoutineViews {

    /** The first response: steps with sku, name, price and version; warnings as code and message. */
    public interface V1 {}

    /** Everything a storefront renders a routine page from: product facts, labels, alternatives, the cart. */
    public interface V2 extends V1 {}

    private RoutineViews() {}
}
