package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What the engine's scores read from a product, apart from its skin types, sku and price. The catalogue table groups
 * products by {@link #key()} and keeps, per group, the {@link #ceiling} of its members' traits, from which a search
 * bounds the score of every product in the group.
 *
 * <p>Each category's key holds only what its own scores weigh most (a serum's effects, a cleanser's reach), so that
 * there are few groups to bound per routine; the finer points (how many actives are at their best strength, a
 * moisturizer's exact SPF) are ceilings. A score that starts reading something new must add it here; the engine's equivalence
 * test against the full scan fails until it does.
 */
final class Traits {

    private static final Concern[] CONCERNS = Concern.values();
    private static final Active[] ACTIVES = Active.values();
    private static final int[] NONE = new int[ACTIVES.length];
    private static final double[] ZERO = new double[CONCERNS.length];

    final Category category;
    /** Bit per {@link Area} ordinal. */
    final int areas;
    /** The stated SPF (moisturizers and sunscreens), else null; a ceiling: the highest in the group. */
    final Integer spf;
    /** Serums, per {@link Concern} ordinal: how well the actives treat it ({@link ActiveEffects}). */
    final double[] effects;
    /**
     * Cleansers, exfoliants and moisturizers, per {@link Concern} ordinal: what the product brings to the concern,
     * 0.5 when declared for it, else half its actives' effect (the companion score's terms).
     */
    final double[] reach;
    /** Serums, per {@link Active} ordinal, a ceiling: how many of the actives are at the most effective strength. */
    final int[] effectiveStrength;
    /** Serums: has an active of the preventive, or of the corrective, approach. */
    final boolean preventive;
    final boolean corrective;

    private Traits(Category category, int areas, Integer spf, double[] effects, double[] reach, int[] effectiveStrength,
                   boolean preventive, boolean corrective) {
        this.category = category;
        this.areas = areas;
        this.spf = spf;
        this.effects = effects;
        this.reach = reach;
        this.effectiveStrength = effectiveStrength;
        this.preventive = preventive;
        this.corrective = corrective;
    }

    static Traits of(ProductState product) {
        Category category = product.category();
        int areas = bits(product.areas());
        return switch (category) {
            case SERUM -> {
                double[] effects = new double[CONCERNS.length];
                for (Concern concern : CONCERNS) {
                    effects[concern.ordinal()] = ActiveEffects.effect(product.actives(), concern);
                }
                int[] strong = new int[ACTIVES.length];
                for (ActiveStrength active : product.actives()) {
                    if (ActiveEffects.atMostEffectiveStrength(active)) {
                        strong[active.code().ordinal()]++;
                    }
                }
                yield new Traits(category, areas, null, effects, ZERO, strong,
                        Eligibility.hasAny(product.actives(), ActiveEffects.PREVENTIVE),
                        Eligibility.hasAny(product.actives(), ActiveEffects.CORRECTIVE));
            }
            case CLEANSER, EXFOLIANT, MOISTURIZER -> {
                double[] reach = new double[CONCERNS.length];
                for (Concern concern : CONCERNS) {
                    double declared = product.concerns().contains(concern) ? 0.5 : 0;
                    reach[concern.ordinal()] = Math.max(declared, ActiveEffects.effect(product.actives(), concern) * 0.5);
                }
                yield new Traits(category, areas, category == Category.MOISTURIZER ? product.spf() : null, ZERO, reach,
                        NONE, false, false);
            }
            case SUNSCREEN -> new Traits(category, areas, product.spf(), ZERO, ZERO, NONE, false, false);
        };
    }

    /** What groups products: equal keys, equal traits but for the ceilings. */
    Object key() {
        return new Key(category, areas, category == Category.SUNSCREEN ? spf : Integer.valueOf(spf == null ? 0 : 1),
                Arrays.stream(effects).boxed().toList(), Arrays.stream(reach).boxed().toList(), preventive, corrective);
    }

    private record Key(Category category, int areas, Integer spf, List<Double> effects, List<Double> reach,
                       boolean preventive, boolean corrective) {
    }

    /**
     * Traits at least as high as both in everything a bound reads, for a family of groups of different keys: effects
     * and reaches at their highest, every area either has, either approach, the higher SPF. Only the presence of an
     * SPF must be the same on both sides (an evening moisturizer's score falls with it): families keep it apart.
     */
    Traits upTo(Traits other) {
        double[] highestEffects = new double[CONCERNS.length];
        double[] highestReach = new double[CONCERNS.length];
        for (int i = 0; i < CONCERNS.length; i++) {
            highestEffects[i] = Math.max(effects[i], other.effects[i]);
            highestReach[i] = Math.max(reach[i], other.reach[i]);
        }
        Traits ceiling = ceiling(other);
        return new Traits(category, areas | other.areas, ceiling.spf, highestEffects, highestReach,
                ceiling.effectiveStrength, preventive || other.preventive, corrective || other.corrective);
    }

    /** The same in every trait: a ceiling that did not grow. */
    boolean sameAs(Traits other) {
        return category == other.category && areas == other.areas && java.util.Objects.equals(spf, other.spf)
                && Arrays.equals(effects, other.effects) && Arrays.equals(reach, other.reach)
                && Arrays.equals(effectiveStrength, other.effectiveStrength)
                && preventive == other.preventive && corrective == other.corrective;
    }

    /** What a search's bound reads of the concern: a serum's effect, any other category's reach. */
    double valueFor(Concern concern) {
        return category == Category.SERUM ? effects[concern.ordinal()] : reach[concern.ordinal()];
    }

    /** Traits at least as high as both, for a group holding products of the same key. */
    Traits ceiling(Traits other) {
        int[] strong = new int[ACTIVES.length];
        for (int i = 0; i < strong.length; i++) {
            strong[i] = Math.max(effectiveStrength[i], other.effectiveStrength[i]);
        }
        Integer highestSpf = spf == null ? other.spf : other.spf == null ? spf : Integer.valueOf(Math.max(spf, other.spf));
        return new Traits(category, areas, highestSpf, effects, reach, strong, preventive, corrective);
    }

    /** How many of the serum's actives of this class are at the most effective strength, at most. */
    int atEffectiveStrength(Active active) {
        return effectiveStrength[active.ordinal()];
    }

    boolean hasArea(Area area) {
        return (areas & (1 << area.ordinal())) != 0;
    }

    boolean coversAreas(int wanted) {
        return (areas & wanted) == wanted;
    }

    double effect(Concern concern) {
        return effects[concern.ordinal()];
    }

    double reach(Concern concern) {
        return reach[concern.ordinal()];
    }

    static int bits(Collection<? extends Enum<?>> values) {
        int bits = 0;
        for (Enum<?> value : values) {
            bits |= 1 << value.ordinal();
        }
        return bits;
    }
}
