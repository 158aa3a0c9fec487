package com.skincareshop.recommendation.engine.index;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.rules.ActiveEffects;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import com.skincareshop.recommendation.engine.rules.Safety;
import com.skincareshop.recommendation.engine.rules.ScoreInputs;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine's scores read from a product ({@link ScoreInputs}), apart from its skin types, sku and price. The
 * catalogue table groups products by {@link #key()} and keeps, per group, the {@link #ceiling} of its members' traits:
 * the same score formula evaluated on a ceiling bounds the score of every product in the group.
 *
 * <p>Each category's key holds only what its own scores weigh most (a serum's effects, a companion's reach), so that
 * there are few groups to bound per routine; the finer points (how many actives are at their best strength, the exact
 * SPF, being fragrance-free) are ceilings. A score that starts reading something new must add it to
 * {@link ScoreInputs}, and so here; the engine's equivalence test against the full scan fails until it is right.
 */
public final class Traits implements ScoreInputs {

    private static final Concern[] CONCERNS = Concern.values();
    private static final Active[] ACTIVES = Active.values();
    private static final int[] NONE = new int[ACTIVES.length];
    private static final double[] ZERO = new double[CONCERNS.length];
    /** The only classes a score asks {@link #treatsWith} of. */
    private static final Set<Active> APPROACH_ACTIVES = approachActives();

    private final Category category;
    /** Bit per {@link Area} ordinal. */
    private final int areas;
    /** The stated SPF (moisturizers and sunscreens), else null; a ceiling: the highest in the group. */
    private final Integer spf;
    /** A ceiling: some product of the group is fragrance-free. */
    private final boolean fragranceFree;
    /** Serums, per {@link Concern} ordinal: how well the actives treat it ({@link ActiveEffects}). */
    private final double[] effects;
    /** Cleansers, exfoliants and moisturizers, per {@link Concern} ordinal: the companion score's reach. */
    private final double[] reach;
    /** Serums, per {@link Active} ordinal, a ceiling: how many treatment entries are at the most effective strength. */
    private final int[] effectiveStrength;
    /**
     * Serums, bit per {@link Active} ordinal: the classes of {@link #APPROACH_ACTIVES} with a treatment entry (in the
     * key, so exact: the approach's bonus would otherwise loosen every bound of a mixed group).
     */
    private final int treating;
    /**
     * What the safety rules read ({@link Safety}) and the label's time of day, in the key: every product of a group
     * then passes or fails a step's conflict rules alike ({@link Search#allowsGroupOf}).
     */
    private final int safety;

    private final TimeOfDay timeOfDay;

    private Traits(
            Category category,
            int areas,
            Integer spf,
            boolean fragranceFree,
            double[] effects,
            double[] reach,
            int[] effectiveStrength,
            int treating,
            int safety,
            TimeOfDay timeOfDay) {
        this.category = category;
        this.areas = areas;
        this.spf = spf;
        this.fragranceFree = fragranceFree;
        this.effects = effects;
        this.reach = reach;
        this.effectiveStrength = effectiveStrength;
        this.treating = treating;
        this.safety = safety;
        this.timeOfDay = timeOfDay;
    }

    public static Traits of(ProductState product) {
        Category category = product.category();
        int areas = bits(product.areas());
        boolean fragranceFree = !product.containsFragrance();
        int safety = Safety.of(product);
        TimeOfDay time = product.timeOfDay();
        return switch (category) {
            case SERUM -> {
                double[] effects = new double[CONCERNS.length];
                for (Concern concern : CONCERNS) {
                    effects[concern.ordinal()] = ActiveEffects.effect(product.actives(), concern);
                }
                int[] strong = new int[ACTIVES.length];
                int treating = 0;
                for (ActiveStrength active : product.actives()) {
                    if (ActiveEffects.atMostEffectiveStrength(active)) {
                        strong[active.code().ordinal()]++;
                    }
                    if (!active.trace() && APPROACH_ACTIVES.contains(active.code())) {
                        treating |= 1 << active.code().ordinal();
                    }
                }
                yield new Traits(category, areas, null, fragranceFree, effects, ZERO, strong, treating, safety, time);
            }
            case CLEANSER, EXFOLIANT, MOISTURIZER -> {
                double[] reach = new double[CONCERNS.length];
                for (Concern concern : CONCERNS) {
                    reach[concern.ordinal()] = ProductInputs.reach(product, concern);
                }
                yield new Traits(
                        category,
                        areas,
                        category == Category.MOISTURIZER ? product.spf() : null,
                        fragranceFree,
                        ZERO,
                        reach,
                        NONE,
                        0,
                        safety,
                        time);
            }
            case SUNSCREEN ->
                new Traits(category, areas, product.spf(), fragranceFree, ZERO, ZERO, NONE, 0, safety, time);
        };
    }

    /** What groups products: equal keys, equal traits but for the ceilings. */
    Object key() {
        boolean protects = category == Category.SUNSCREEN || spf != null; // only sun protection's score reads it
        return new Key(
                category,
                areas,
                category == Category.SUNSCREEN ? spf : Integer.valueOf(spf == null ? 0 : 1),
                protects && fragranceFree,
                Arrays.stream(effects).boxed().toList(),
                Arrays.stream(reach).boxed().toList(),
                treating,
                safety,
                timeOfDay);
    }

    private record Key(
            Category category,
            int areas,
            Integer spf,
            boolean fragranceFreeSpf,
            List<Double> effects,
            List<Double> reach,
            int treating,
            int safety,
            TimeOfDay timeOfDay) {}

    /**
     * Traits at least as high as both in everything a bound reads, for a family of groups of different keys: effects
     * and reaches at their highest, every area either has, the higher SPF. Only the presence of an SPF stays the same
     * on both sides: families keep it apart (what may be an evening step must not share a ceiling with what may not).
     */
    Traits upTo(Traits other) {
        double[] highestEffects = new double[CONCERNS.length];
        double[] highestReach = new double[CONCERNS.length];
        for (int i = 0; i < CONCERNS.length; i++) {
            highestEffects[i] = Math.max(effects[i], other.effects[i]);
            highestReach[i] = Math.max(reach[i], other.reach[i]);
        }
        Traits ceiling = ceiling(other);
        return new Traits(
                category,
                areas | other.areas,
                ceiling.spf,
                ceiling.fragranceFree,
                highestEffects,
                highestReach,
                ceiling.effectiveStrength,
                treating | other.treating,
                safety | other.safety,
                timeOfDay == other.timeOfDay ? timeOfDay : null);
    }

    /** The same in every trait: a ceiling that did not grow. */
    boolean sameAs(Traits other) {
        return category == other.category
                && areas == other.areas
                && Objects.equals(spf, other.spf)
                && fragranceFree == other.fragranceFree
                && Arrays.equals(effects, other.effects)
                && Arrays.equals(reach, other.reach)
                && Arrays.equals(effectiveStrength, other.effectiveStrength)
                && treating == other.treating
                && safety == other.safety
                && timeOfDay == other.timeOfDay;
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
        Integer highestSpf =
                spf == null ? other.spf : other.spf == null ? spf : Integer.valueOf(Math.max(spf, other.spf));
        return new Traits(
                category,
                areas,
                highestSpf,
                fragranceFree || other.fragranceFree,
                effects,
                reach,
                strong,
                treating | other.treating,
                safety,
                timeOfDay);
    }

    boolean hasSpf() {
        return spf != null;
    }

    /** Whether a product of this group can be applied to the area. */
    public boolean hasArea(Area area) {
        return (areas & (1 << area.ordinal())) != 0;
    }

    @Override
    public Category category() {
        return category;
    }

    @Override
    public int areas() {
        return areas;
    }

    @Override
    public Integer spf() {
        return spf;
    }

    @Override
    public boolean fragranceFree() {
        return fragranceFree;
    }

    @Override
    public double effect(Concern concern) {
        return effects[concern.ordinal()];
    }

    @Override
    public double reach(Concern concern) {
        return reach[concern.ordinal()];
    }

    @Override
    public int atEffectiveStrength(Active active) {
        return effectiveStrength[active.ordinal()];
    }

    @Override
    public boolean treatsWith(Active active) {
        return (treating & (1 << active.ordinal())) != 0;
    }

    /** A penalty: the ceiling assumes none. */
    @Override
    public boolean strongerThan(Active active, BigDecimal percent) {
        return false;
    }

    private static Set<Active> approachActives() {
        Set<Active> actives = EnumSet.copyOf(ActiveEffects.PREVENTIVE);
        actives.addAll(ActiveEffects.CORRECTIVE);
        return Collections.unmodifiableSet(actives);
    }

    public static int bits(Collection<? extends Enum<?>> values) {
        int bits = 0;
        for (Enum<?> value : values) {
            bits |= 1 << value.ordinal();
        }
        return bits;
    }
}
