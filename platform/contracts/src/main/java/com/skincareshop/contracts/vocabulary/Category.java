package com.skincareshop.contracts.vocabulary;

/** Product categories; each is also a routine slot. */
public enum Category {
    CLEANSER,
    EXFOLIANT,
    SERUM,
    MOISTURIZER,
    SUNSCREEN;

    /** Only sunscreens and moisturizers carry an SPF: a moisturizer with SPF may fill the AM sunscreen slot. */
    public boolean mayCarrySpf() {
        return this == SUNSCREEN || this == MOISTURIZER;
    }

    public boolean requiresSpf() {
        return this == SUNSCREEN;
    }
}
