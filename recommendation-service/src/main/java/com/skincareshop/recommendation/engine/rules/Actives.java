package com.skincareshop.recommendation.engine.rules;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.vocabulary.Active;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Questions about a product's actives. Every entry counts for safety (a retinoid in trace amounts is still a
 * retinoid in pregnancy); only entries that are not {@linkplain ActiveStrength#trace() trace} count as treatment.
 * Loops rather than streams: these run for every product a search visits.
 */
public final class Actives {

    private Actives() {}

    /** The product contains the class in any amount. */
    public static boolean has(List<ActiveStrength> actives, Active code) {
        for (ActiveStrength active : actives) {
            if (active.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** The product contains the class as a treatment (not only a trace). */
    public static boolean treatsWith(List<ActiveStrength> actives, Set<Active> codes) {
        for (ActiveStrength active : actives) {
            if (!active.trace() && codes.contains(active.code())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An exfoliating acid in trace amounts adjusts the pH or preserves (salicylic acid at most 0.5% by EU law): it
     * exfoliates nothing, and counts for no strength limit. A trace retinoid or benzoyl peroxide still counts.
     */
    public static boolean harmlessTrace(ActiveStrength active) {
        return active.trace() && ActiveEffects.EXFOLIATING_ACIDS.contains(active.code());
    }

    /**
     * The class's strength over all its forms, or null when any form present states none: a limit the label cannot
     * show is not met.
     */
    public static BigDecimal classStrength(List<ActiveStrength> actives, Active code) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ActiveStrength active : actives) {
            if (active.code() == code && !harmlessTrace(active)) {
                if (active.percent() == null) {
                    return null;
                }
                sum = sum.add(active.percent());
            }
        }
        return sum;
    }

    /** Stronger than the limit, or of unknown strength, in the class as a whole. */
    public static boolean classAbove(List<ActiveStrength> actives, Active code, BigDecimal limit) {
        BigDecimal strength = classStrength(actives, code);
        return strength == null || strength.compareTo(limit) > 0;
    }
}
