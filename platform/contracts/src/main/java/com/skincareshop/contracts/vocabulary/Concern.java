package com.skincareshop.contracts.vocabulary;

/** What a customer wants to improve; the codes are stable API and event values. */
public enum Concern {
    /** Sagging, loss of elasticity. */
    FIRMNESS,
    FINE_LINES,
    DULLNESS,
    /** Age spots, sun damage. */
    DARK_SPOTS,
    ACNE_SCARS,
    ENLARGED_PORES,
    /** Oval, elongated pores on the cheeks: a sign of ageing skin, not only of the pores. */
    SAGGING_PORES,
    CLOGGED_PORES,
    DEHYDRATION,
    UNEVEN_TEXTURE
}
