package com.skincareshop.recommendation.engine;

/** Why a product is in the routine; stable API codes, messages in {@code messages/routine*.properties}. */
public enum ReasonCode {
    CONCERN_MATCH,
    SKIN_TYPE_MATCH,
    ACTIVE_STRENGTH,
    PREVENTIVE_CARE,
    CORRECTIVE_CARE,
    COMPANION_FOR_GOAL,
    HYDRATION_FOR_PORES,
    EXFOLIATION_FOR_PORES,
    SPF_FOR_EXPOSURE,
    SPF_DAILY,
    SPF_REQUIRED_PHOTOSENSITIVE,
    GENTLE_FOR_SENSITIVE,
    COVERS_HANDS,
    ESSENTIAL_STEP,
    /** A step for the hands, which the customer asked to care for too. */
    FOR_HANDS
}
