package com.skincareshop.recommendation.domain;

public enum Frequency {
    DAILY,
    /** A retinoid and an exfoliating acid take turns, never the same evening. */
    ALTERNATE_NIGHTS
}
