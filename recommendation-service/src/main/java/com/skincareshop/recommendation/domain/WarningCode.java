package com.skincareshop.recommendation.domain;

/** What the customer must know about the routine; stable API codes. */
public enum WarningCode {
    RETINOID_EXCLUDED_PREGNANCY, PATCH_TEST, RETINOID_ACID_ALTERNATE, BPO_RETINOID_SPLIT,
    SPF_REQUIRED_PHOTOSENSITIVE, SPF_MARKET_CAP, SLOT_UNFILLED, BUDGET_LIMITED, BUDGET_CURRENCY
}
