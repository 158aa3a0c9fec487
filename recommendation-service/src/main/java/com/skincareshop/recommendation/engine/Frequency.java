package com.skincareshop.recommendation.engine;

/** How often a step is used; the evening's exact nights are in {@link Routine.Step#nights()}. */
public enum Frequency {
    /** Every morning, or every evening. */
    DAILY,
    /** Takes turns with a conflicting active (a retinoid and an exfoliating acid never share a night). */
    ALTERNATE_NIGHTS,
    /** A strong active started on 2-3 nonconsecutive nights a week (AAD: start slowly). */
    RAMP_UP
}
