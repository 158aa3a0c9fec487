package com.skincareshop.recommendation.engine;

/** What the customer must know about the routine; stable API codes. */
public enum WarningCode {
    RETINOID_EXCLUDED_PREGNANCY, PATCH_TEST, RETINOID_ACID_ALTERNATE, BPO_RETINOID_SPLIT,
    SPF_REQUIRED_PHOTOSENSITIVE, SPF_MARKET_CAP,
    /** No product met the target SPF: the highest available that meets the daily minimum was given. */
    SPF_BELOW_TARGET,
    SLOT_UNFILLED, BUDGET_LIMITED, BUDGET_CURRENCY,
    /** An ingredient the customer avoids is not in the ingredient dictionary: only that exact name is excluded. */
    AVOIDED_INGREDIENT_UNKNOWN,
    /** An area the customer asked for gets no product (or no sun protection). */
    AREA_UNSERVED
}
