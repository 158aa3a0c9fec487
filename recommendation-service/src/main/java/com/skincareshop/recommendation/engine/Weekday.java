package com.skincareshop.recommendation.engine;

/** The nights of the weekly plan; stable API codes. */
public enum Weekday {
    MON,
    TUE,
    WED,
    THU,
    FRI,
    SAT,
    SUN
}
