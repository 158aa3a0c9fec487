package com.skincareshop.recommendation.engine;

/** What the customer must know about the routine; stable API codes, each with how prominently to show it. */
public enum WarningCode {
    RETINOID_EXCLUDED_PREGNANCY(Severity.IMPORTANT),
    PATCH_TEST(Severity.CAUTION),
    RETINOID_ACID_ALTERNATE(Severity.CAUTION),
    BPO_RETINOID_SPLIT(Severity.CAUTION),
    SPF_REQUIRED_PHOTOSENSITIVE(Severity.IMPORTANT),
    SPF_MARKET_CAP(Severity.INFO),
    /** No product met the target SPF: the highest available that meets the daily minimum was given. */
    SPF_BELOW_TARGET(Severity.CAUTION),
    SLOT_UNFILLED(Severity.INFO),
    BUDGET_LIMITED(Severity.INFO),
    BUDGET_CURRENCY(Severity.INFO),
    /** An ingredient the customer avoids is not in the ingredient dictionary: only that exact name is excluded. */
    AVOIDED_INGREDIENT_UNKNOWN(Severity.CAUTION),
    /** An area the customer asked for gets no product (or no sun protection). */
    AREA_UNSERVED(Severity.INFO);

    /**
     * {@code IMPORTANT}: a safety rule the customer must follow (sun protection with a sensitizing active, what
     * pregnancy leaves out); {@code CAUTION}: how to use the routine safely; {@code INFO}: what the routine could
     * not do.
     */
    public enum Severity {
        INFO,
        CAUTION,
        IMPORTANT
    }

    private final Severity severity;

    WarningCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
