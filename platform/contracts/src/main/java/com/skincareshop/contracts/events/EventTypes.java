package com.skincareshop.contracts.events;

/** CloudEvents {@code ce_type} values. */
public final class EventTypes {
    public static final String PRODUCT_CHANGED = "com.skincareshop.catalog.product.changed.v1";

    private EventTypes() {
    }
}
