package com.skincareshop.contracts.vocabulary;

/**
 * Active classes, derived from the INCI list by {@link com.skincareshop.contracts.catalog.InciDictionary}.
 * Merchandisers never enter these codes; they enter INCI names.
 */
public enum Active {
    VITAMIN_C,
    RETINOID,
    PEPTIDES,
    GROWTH_FACTORS,
    HYALURONIC_ACID,
    AHA,
    BHA,
    /** Polyhydroxy acids (gluconolactone, lactobionic acid): exfoliants gentler than AHAs. */
    PHA,
    NIACINAMIDE,
    GREEN_TEA,
    REFLECTIVE_MINERALS,
    BENZOYL_PEROXIDE,
    /** Not an active: an exclusion criterion (sensitive skin, "avoid fragrance"). */
    FRAGRANCE
}
