package com.skincareshop.contracts.events;

/** CloudEvents {@code ce_type} values. */
public final class EventTypes {
    public static final String PRODUCT_CHANGED = "com.skincareshop.catalog.product.changed.v1";
    public static final String PROFILE_CHANGED = "com.skincareshop.profile.skin.changed.v1";
    /** A tombstone: the customer exercised the right to erasure. */
    public static final String PROFILE_ERASED = "com.skincareshop.profile.skin.erased.v1";

    public static final String ROUTINE_ISSUED = "com.skincareshop.recommendation.routine.issued.v1";
    /** A tombstone: the customer was erased or withdrew marketing consent. */
    public static final String ROUTINE_WITHDRAWN = "com.skincareshop.recommendation.routine.withdrawn.v1";

    private EventTypes() {}
}
