package com.skincareshop.recommendation.engine.rules;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import java.math.BigDecimal;

/**
 * What the whole-routine safety rules read of a product, as bits: which strong actives it holds and in what amount.
 * Every conflict and time-of-day rule is a function of these bits, the category, the SPF's presence and the label's
 * time of day. The catalogue index keeps them in its groups' keys, so a step can refuse a whole group by looking at
 * one of its products. A trace acid or vitamin C (a pH adjuster, an antioxidant for the formula) sets no bit; a
 * retinoid or benzoyl peroxide in any amount does.
 */
public final class Safety {

    public static final int RETINOID = 1;
    /** An AHA, BHA or PHA as a treatment. */
    public static final int ACID = 1 << 1;
    /** An exfoliating acid from 7% or of unstated strength: it starts at 2-3 evenings a week. */
    public static final int STRONG_ACID = 1 << 2;
    /** An AHA or a BHA as a treatment: sun-sensitizing, unlike a PHA. */
    public static final int AHA_OR_BHA = 1 << 3;

    public static final int BENZOYL_PEROXIDE = 1 << 4;
    /** Vitamin C as a treatment, in any form. */
    public static final int VITAMIN_C = 1 << 5;
    /** Pure L-ascorbic acid as a treatment: the form benzoyl peroxide oxidizes. */
    public static final int L_ASCORBIC_ACID = 1 << 6;

    public static final String L_ASCORBIC_ACID_FORM = "Ascorbic Acid";
    public static final BigDecimal STRONG_ACID_PERCENT = new BigDecimal("7");

    private Safety() {}

    public static int of(ProductState product) {
        int bits = 0;
        for (ActiveStrength active : product.actives()) {
            Active code = active.code();
            if (code == Active.RETINOID) {
                bits |= RETINOID;
            } else if (code == Active.BENZOYL_PEROXIDE) {
                bits |= BENZOYL_PEROXIDE;
            } else if (active.trace()) {
                continue;
            } else if (ActiveEffects.EXFOLIATING_ACIDS.contains(code)) {
                bits |= ACID;
                if (active.percent() == null || active.percent().compareTo(STRONG_ACID_PERCENT) >= 0) {
                    bits |= STRONG_ACID;
                }
                if (code != Active.PHA) {
                    bits |= AHA_OR_BHA;
                }
            } else if (code == Active.VITAMIN_C) {
                bits |= VITAMIN_C;
                if (L_ASCORBIC_ACID_FORM.equals(active.form())) {
                    bits |= L_ASCORBIC_ACID;
                }
            }
        }
        return bits;
    }

    public static boolean has(ProductState product, int bit) {
        return (of(product) & bit) != 0;
    }
}
