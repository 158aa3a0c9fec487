package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.rules.ActiveEffects;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static com.skincareshop.recommendation.engine.rules.Actives.has;
import static com.skincareshop.recommendation.engine.rules.Actives.hasAny;
import static com.skincareshop.recommendation.engine.rules.Actives.treatsWith;

/**
 * The safety rules over the whole routine. Every product placed in a step counts, whatever its slot: a lactic-acid
 * cleanser is an acid, a retinyl-palmitate night cream is a retinoid.
 * <ul>
 *   <li>at most one retinoid product on any night, and never a retinoid and an exfoliating acid on the same night;</li>
 *   <li>benzoyl peroxide never in the same part of the day as a retinoid, nor with L-ascorbic acid (it oxidizes it);</li>
 *   <li>vitamin C and anything with SPF in the morning only; retinoids and acids in the evening only;</li>
 *   <li>strong actives ramp up ({@link #needsRampUp}), which a step used every day cannot do.</li>
 * </ul>
 * Products that may conflict on a night are treatments (serums, the exfoliant) and get nights of their own
 * ({@link Schedule}); the steps used every day (cleanser, moisturizer, hand care) must conflict with none of them.
 */
final class Conflicts {

    /** The form benzoyl peroxide oxidizes: pure L-ascorbic acid (its derivatives are stable). */
    static final String L_ASCORBIC_ACID = "Ascorbic Acid";
    /** An exfoliating acid at this strength or more starts at 2-3 evenings a week. */
    static final BigDecimal STRONG_ACID_PERCENT = new BigDecimal("7");
    /** Two serums never share one of these groups: a second would double the dose, not add a benefit. */
    static final List<Set<Active>> ONE_SERUM_EACH = List.of(EnumSet.of(Active.VITAMIN_C), EnumSet.of(Active.RETINOID),
            ActiveEffects.EXFOLIATING_ACIDS, EnumSet.of(Active.BENZOYL_PEROXIDE));

    private Conflicts() {
    }

    static boolean retinoid(ProductState product) {
        return has(product.actives(), Active.RETINOID);
    }

    /** An exfoliating acid as a treatment: a trace of lactic acid that adjusts the pH exfoliates nothing. */
    static boolean acid(ProductState product) {
        return treatsWith(product.actives(), ActiveEffects.EXFOLIATING_ACIDS);
    }

    /** Needs the morning's SPF: without one, the routine leaves it out. */
    static boolean sunSensitizing(ProductState product) {
        return retinoid(product) || benzoylPeroxide(product)
                || treatsWith(product.actives(), EnumSet.of(Active.AHA, Active.BHA));
    }

    static boolean benzoylPeroxide(ProductState product) {
        return has(product.actives(), Active.BENZOYL_PEROXIDE);
    }

    static boolean lAscorbicAcid(ProductState product) {
        for (ActiveStrength active : product.actives()) {
            if (L_ASCORBIC_ACID.equals(active.form()) && !active.trace()) {
                return true;
            }
        }
        return false;
    }

    /** Retinoids always start slowly; acids from 7%, of unknown strength, or on sensitive skin. */
    static boolean needsRampUp(ProductState product, boolean sensitive) {
        if (retinoid(product)) {
            return true;
        }
        for (ActiveStrength active : product.actives()) {
            if (ActiveEffects.EXFOLIATING_ACIDS.contains(active.code()) && !active.trace()
                    && (sensitive || active.percent() == null || active.percent().compareTo(STRONG_ACID_PERCENT) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** Retinoids, AHAs, BHAs and PHAs go on in the evening, as does what the label says is for the evening. */
    static boolean eveningOnly(ProductState product) {
        return retinoid(product) || acid(product) || product.timeOfDay() == TimeOfDay.PM;
    }

    /** Vitamin C goes under the morning's sunscreen, benzoyl peroxide away from the evening retinoid; SPF is for the day. */
    static boolean morningOnly(ProductState product) {
        return treatsWith(product.actives(), EnumSet.of(Active.VITAMIN_C)) || benzoylPeroxide(product)
                || product.spf() != null || product.timeOfDay() == TimeOfDay.AM;
    }

    static boolean usableInTheMorning(ProductState product) {
        return !eveningOnly(product) && product.timeOfDay() != TimeOfDay.PM && !clashesWithItself(product);
    }

    static boolean usableInTheEvening(ProductState product) {
        return !morningOnly(product) && product.timeOfDay() != TimeOfDay.AM && !clashesWithItself(product);
    }

    /** One product holding what may never share a night or a morning (a retinoid with an acid) is never used. */
    static boolean clashesWithItself(ProductState product) {
        return (retinoid(product) && acid(product))
                || (benzoylPeroxide(product) && (retinoid(product) || lAscorbicAcid(product)));
    }

    /** Two products that must never be on the skin in the same part of the day (or night). */
    static boolean clash(ProductState a, ProductState b) {
        return (retinoid(a) && retinoid(b)) || (retinoid(a) && acid(b)) || (acid(a) && retinoid(b))
                || (benzoylPeroxide(a) && (retinoid(b) || lAscorbicAcid(b)))
                || (benzoylPeroxide(b) && (retinoid(a) || lAscorbicAcid(a)));
    }

    /** A serum may join the chosen ones: no group of {@link #ONE_SERUM_EACH} twice, no clash in the same morning. */
    static boolean compatibleSerum(ProductState candidate, Collection<ProductState> chosen) {
        for (ProductState serum : chosen) {
            for (Set<Active> group : ONE_SERUM_EACH) {
                if (hasAny(candidate.actives(), group) && hasAny(serum.actives(), group)) {
                    return false;
                }
            }
            boolean sameMorning = usableInTheMorning(candidate) && usableInTheMorning(serum);
            if (sameMorning && clash(candidate, serum)) {
                return false; // benzoyl peroxide and L-ascorbic acid would both be morning serums
            }
        }
        return true;
    }

    /**
     * A product used every day, morning or evening, beside the routine's treatments: nothing that must ramp up,
     * nothing that clashes with a treatment of the same part of the day, no second acid (an acid cleanser beside an
     * acid serum over-exfoliates). {@code others}: the treatments and the every-day products already chosen.
     */
    static boolean fitsEveryDay(ProductState product, Collection<ProductState> others, boolean sensitive,
                                TimeOfDay time) {
        if (needsRampUp(product, sensitive)) {
            return false;
        }
        for (ProductState other : others) {
            if (acid(product) && acid(other) && !product.sku().equals(other.sku())) {
                return false;
            }
            boolean sameTime = time == TimeOfDay.AM ? usableInTheMorning(other) : usableInTheEvening(other);
            if (sameTime && clash(product, other)) {
                return false;
            }
        }
        return true;
    }
}
