package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.rules.Safety;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Predicate;

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

    /** Two serums never share one of these: a second would double the dose, not add a benefit. */
    static final int[] ONE_SERUM_EACH = {Safety.VITAMIN_C, Safety.RETINOID, Safety.ACID, Safety.BENZOYL_PEROXIDE};

    private Conflicts() {}

    static boolean retinoid(ProductState product) {
        return Safety.has(product, Safety.RETINOID);
    }

    /** An exfoliating acid as a treatment: a trace of lactic acid that adjusts the pH exfoliates nothing. */
    static boolean acid(ProductState product) {
        return Safety.has(product, Safety.ACID);
    }

    static boolean benzoylPeroxide(ProductState product) {
        return Safety.has(product, Safety.BENZOYL_PEROXIDE);
    }

    /** Needs the morning's SPF: without one, the routine leaves it out. */
    static boolean sunSensitizing(ProductState product) {
        return Safety.has(product, Safety.RETINOID | Safety.BENZOYL_PEROXIDE | Safety.AHA_OR_BHA);
    }

    /** Retinoids always start slowly; acids from 7%, of unknown strength, or on sensitive skin. */
    static boolean needsRampUp(ProductState product, boolean sensitive) {
        return needsRampUp(Safety.of(product), sensitive);
    }

    private static boolean needsRampUp(int bits, boolean sensitive) {
        return (bits & (Safety.RETINOID | (sensitive ? Safety.ACID : Safety.STRONG_ACID))) != 0;
    }

    /**
     * Retinoids, AHAs, BHAs and PHAs go on in the evening, as does what the label says is for the evening; vitamin C
     * goes under the morning's sunscreen, benzoyl peroxide away from the evening retinoid, and SPF is for the day.
     * A product holding what may never share a night or a morning (a retinoid with an acid) is never used.
     */
    static boolean usableInTheMorning(ProductState product) {
        int bits = Safety.of(product);
        return (bits & (Safety.RETINOID | Safety.ACID)) == 0
                && product.timeOfDay() != TimeOfDay.PM
                && !clashesWithItself(bits);
    }

    static boolean usableInTheEvening(ProductState product) {
        int bits = Safety.of(product);
        return (bits & (Safety.VITAMIN_C | Safety.BENZOYL_PEROXIDE)) == 0
                && product.spf() == null
                && product.timeOfDay() != TimeOfDay.AM
                && !clashesWithItself(bits);
    }

    private static boolean clashesWithItself(int bits) {
        boolean retinoid = (bits & Safety.RETINOID) != 0;
        return (retinoid && (bits & Safety.ACID) != 0)
                || ((bits & Safety.BENZOYL_PEROXIDE) != 0 && (retinoid || (bits & Safety.L_ASCORBIC_ACID) != 0));
    }

    /** Two products that must never be on the skin in the same part of the day (or night). */
    static boolean clash(ProductState a, ProductState b) {
        return clash(Safety.of(a), Safety.of(b));
    }

    /** Clashes with {@code other}, whose bits are read once. */
    static Predicate<ProductState> clashesWith(ProductState other) {
        int otherBits = Safety.of(other);
        return product -> clash(Safety.of(product), otherBits);
    }

    private static boolean clash(int a, int b) {
        boolean retinoidA = (a & Safety.RETINOID) != 0;
        boolean retinoidB = (b & Safety.RETINOID) != 0;
        return (retinoidA && retinoidB)
                || (retinoidA && (b & Safety.ACID) != 0)
                || ((a & Safety.ACID) != 0 && retinoidB)
                || ((a & Safety.BENZOYL_PEROXIDE) != 0 && (retinoidB || (b & Safety.L_ASCORBIC_ACID) != 0))
                || ((b & Safety.BENZOYL_PEROXIDE) != 0 && (retinoidA || (a & Safety.L_ASCORBIC_ACID) != 0));
    }

    /** A serum may join the chosen ones: no group of {@link #ONE_SERUM_EACH} twice, no clash in the same morning. */
    static Predicate<ProductState> compatibleSerum(Collection<ProductState> chosen) {
        int[] chosenBits = chosen.stream().mapToInt(Safety::of).toArray();
        boolean[] chosenInTheMorning = new boolean[chosenBits.length];
        int i = 0;
        for (ProductState serum : chosen) {
            chosenInTheMorning[i++] = usableInTheMorning(serum);
        }
        return candidate -> {
            int bits = Safety.of(candidate);
            boolean inTheMorning = usableInTheMorning(candidate);
            for (int s = 0; s < chosenBits.length; s++) {
                for (int group : ONE_SERUM_EACH) {
                    if ((bits & group) != 0 && (chosenBits[s] & group) != 0) {
                        return false;
                    }
                }
                if (inTheMorning && chosenInTheMorning[s] && clash(bits, chosenBits[s])) {
                    return false; // benzoyl peroxide and L-ascorbic acid would both be morning serums
                }
            }
            return true;
        };
    }

    /**
     * What a product used every day, morning or evening, must satisfy beside the routine's treatments: nothing that
     * must ramp up, nothing that clashes with a product of the same part of the day, no second acid (an acid cleanser
     * beside an acid serum over-exfoliates). {@code others}: the treatments and the every-day products already chosen.
     * The others' bits are read once, here: the check runs for every product and group a search reaches.
     */
    static Predicate<ProductState> fitsEveryDay(Collection<ProductState> others, boolean sensitive, TimeOfDay time) {
        int acids = 0;
        int[] sameTime = new int[others.size()];
        int n = 0;
        for (ProductState other : others) {
            int bits = Safety.of(other);
            acids |= bits & Safety.ACID;
            if (time == TimeOfDay.AM ? usableInTheMorning(other) : usableInTheEvening(other)) {
                sameTime[n++] = bits;
            }
        }
        int anotherAcid = acids;
        int[] clashing = Arrays.copyOf(sameTime, n);
        return product -> {
            int bits = Safety.of(product);
            if (needsRampUp(bits, sensitive) || (bits & anotherAcid) != 0) {
                return false;
            }
            for (int other : clashing) {
                if (clash(bits, other)) {
                    return false;
                }
            }
            return true;
        };
    }
}
