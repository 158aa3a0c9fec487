package com.skincareshop.profile.domain;

/**
 * Marketing consent is the customer's own decision: answers saved on their behalf (by the storefront, with a token
 * the storefront holds for them) may not change it. Nothing was stored.
 */
public class ConsentChangeRefused extends RuntimeException {

    private final boolean storedConsent;

    public ConsentChangeRefused(boolean storedConsent) {
        super("marketing consent may be changed by the customer alone");
        this.storedConsent = storedConsent;
    }

    /** The consent on record, which stays: false when the customer never answered. */
    public boolean storedConsent() {
        return storedConsent;
    }
}
