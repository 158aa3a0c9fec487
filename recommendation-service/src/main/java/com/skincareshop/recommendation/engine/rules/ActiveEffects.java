package com.skincareshop.recommendation.engine.rules;

import static com.skincareshop.contracts.vocabulary.Concern.ACNE_SCARS;
import static com.skincareshop.contracts.vocabulary.Concern.CLOGGED_PORES;
import static com.skincareshop.contracts.vocabulary.Concern.DARK_SPOTS;
import static com.skincareshop.contracts.vocabulary.Concern.DEHYDRATION;
import static com.skincareshop.contracts.vocabulary.Concern.DULLNESS;
import static com.skincareshop.contracts.vocabulary.Concern.ENLARGED_PORES;
import static com.skincareshop.contracts.vocabulary.Concern.FINE_LINES;
import static com.skincareshop.contracts.vocabulary.Concern.FIRMNESS;
import static com.skincareshop.contracts.vocabulary.Concern.SAGGING_PORES;
import static com.skincareshop.contracts.vocabulary.Concern.UNEVEN_TEXTURE;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Concern;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each active does for which concern, as data. {@code weight} 1 is a full effect; less marks a supporting one
 * (green tea's antioxidant protection, mica's optical glow that does not last, a gentle PHA). {@code minPercent}: the
 * strength below which the sources give no effect for that concern (vitamin C needs 7% for pores, large or sagging);
 * an undeclared strength does not meet a threshold. Trace entries (no strength stated, low in the list) treat nothing.
 */
public final class ActiveEffects {

    record Effect(Concern concern, double weight, BigDecimal minPercent) {}

    /** Strengths the sources call most effective, e.g. vitamin C 10-20%. */
    record Range(BigDecimal from, BigDecimal to) {
        boolean contains(BigDecimal percent) {
            return percent != null && percent.compareTo(from) >= 0 && percent.compareTo(to) <= 0;
        }
    }

    private static final BigDecimal VITAMIN_C_FOR_PORES = new BigDecimal("7");

    private static final Map<Active, List<Effect>> EFFECTS = new EnumMap<>(Map.ofEntries(
            // vitamin C fades post-acne marks, it does not fill pitted scars: a supporting effect there
            Map.entry(
                    Active.VITAMIN_C,
                    List.of(
                            full(DARK_SPOTS),
                            full(DULLNESS),
                            partial(ACNE_SCARS, 0.5),
                            full(FIRMNESS),
                            new Effect(SAGGING_PORES, 1, VITAMIN_C_FOR_PORES),
                            new Effect(ENLARGED_PORES, 1, VITAMIN_C_FOR_PORES))),
            Map.entry(
                    Active.RETINOID,
                    List.of(
                            full(FIRMNESS),
                            full(FINE_LINES),
                            full(SAGGING_PORES),
                            full(ENLARGED_PORES),
                            full(UNEVEN_TEXTURE))),
            Map.entry(Active.PEPTIDES, List.of(full(FIRMNESS), full(FINE_LINES))),
            Map.entry(Active.GROWTH_FACTORS, List.of(full(FIRMNESS), full(SAGGING_PORES))),
            Map.entry(Active.HYALURONIC_ACID, List.of(full(DEHYDRATION), partial(FINE_LINES, 0.5))),
            Map.entry(
                    Active.AHA, List.of(full(UNEVEN_TEXTURE), full(DULLNESS), full(ENLARGED_PORES), full(DARK_SPOTS))),
            Map.entry(Active.BHA, List.of(full(CLOGGED_PORES), full(ENLARGED_PORES))),
            Map.entry(
                    Active.PHA,
                    List.of(partial(UNEVEN_TEXTURE, 0.5), partial(DULLNESS, 0.5), partial(DEHYDRATION, 0.5))),
            Map.entry(Active.NIACINAMIDE, List.of(full(ENLARGED_PORES), full(DARK_SPOTS))),
            Map.entry(Active.GREEN_TEA, List.of(partial(FIRMNESS, 0.5))),
            Map.entry(Active.REFLECTIVE_MINERALS, List.of(partial(DULLNESS, 0.5))),
            Map.entry(Active.BENZOYL_PEROXIDE, List.of(full(CLOGGED_PORES)))));

    private static final Map<Active, Range> MOST_EFFECTIVE = new EnumMap<>(Map.of(
            Active.VITAMIN_C, range("10", "20"),
            Active.RETINOID, range("0.25", "1"),
            Active.AHA, range("5", "10"),
            Active.BHA, range("0.5", "2"),
            Active.NIACINAMIDE, range("4", "10")));

    /**
     * Weeks of regular use before an active's effect is usually visible, as trials and dermatology references put
     * it (AAD: acne treatments 4-6 weeks; topical vitamin C, niacinamide and peptide studies read results at 8-12
     * weeks; retinoids on lines and texture at 12 weeks). Hyaluronic acid hydrates within days; mica and pearl are
     * optical, visible at once (0). Conservative: the start of the range.
     */
    private static final Map<Active, Integer> WEEKS_TO_RESULTS = new EnumMap<>(Map.ofEntries(
            Map.entry(Active.VITAMIN_C, 8),
            Map.entry(Active.RETINOID, 12),
            Map.entry(Active.PEPTIDES, 8),
            Map.entry(Active.GROWTH_FACTORS, 12),
            Map.entry(Active.HYALURONIC_ACID, 1),
            Map.entry(Active.AHA, 4),
            Map.entry(Active.BHA, 4),
            Map.entry(Active.PHA, 6),
            Map.entry(Active.NIACINAMIDE, 8),
            Map.entry(Active.GREEN_TEA, 8),
            Map.entry(Active.REFLECTIVE_MINERALS, 0),
            Map.entry(Active.BENZOYL_PEROXIDE, 4)));
    /** Actives whose effect is optical and immediate: it shows at once and washes off. */
    public static final Set<Active> OPTICAL = EnumSet.of(Active.REFLECTIVE_MINERALS);

    /** Firming seed: antioxidants and hydration before the signs; peptides, retinoid and growth factors after. */
    public static final Set<Active> PREVENTIVE = EnumSet.of(Active.VITAMIN_C, Active.GREEN_TEA, Active.HYALURONIC_ACID);

    public static final Set<Active> CORRECTIVE = EnumSet.of(Active.PEPTIDES, Active.RETINOID, Active.GROWTH_FACTORS);
    /** The concerns corrective actives are for: only they earn the corrective bonus. */
    public static final Set<Concern> CORRECTIVE_CONCERNS = EnumSet.of(FIRMNESS, FINE_LINES, SAGGING_PORES);
    /**
     * Raise sun sensitivity (FDA: AHAs during use and a week after; BHA products without sun-sensitivity testing;
     * the benzoyl peroxide drug label): the morning SPF becomes mandatory, and without one they are not used.
     */
    public static final Set<Active> SUN_SENSITIZING =
            EnumSet.of(Active.RETINOID, Active.AHA, Active.BHA, Active.BENZOYL_PEROXIDE);
    /**
     * Forms that count for every safety rule of their class but treat nothing: willow bark holds salicin, which the
     * skin hardly turns into salicylic acid.
     */
    public static final Set<String> SAFETY_ONLY_FORMS = Set.of("Salix Alba Bark Extract", "Salix Nigra Bark Extract");
    /** Exfoliating acids: never on a retinoid's night, one product of them per routine. */
    public static final Set<Active> EXFOLIATING_ACIDS = EnumSet.of(Active.AHA, Active.BHA, Active.PHA);
    /** Actives a sensitive skin should patch test (AAD); humectants and mica need none. */
    public static final Set<Active> NEEDS_PATCH_TEST = EnumSet.of(
            Active.VITAMIN_C,
            Active.RETINOID,
            Active.PEPTIDES,
            Active.GROWTH_FACTORS,
            Active.AHA,
            Active.BHA,
            Active.PHA,
            Active.NIACINAMIDE,
            Active.BENZOYL_PEROXIDE);

    private ActiveEffects() {}

    /** How well one active of a product, at its declared strength, treats the concern: 0 when it does not. */
    public static double effect(ActiveStrength active, Concern concern) {
        if (!treats(active)) {
            return 0;
        }
        for (Effect effect : EFFECTS.getOrDefault(active.code(), List.of())) {
            if (effect.concern() == concern) {
                boolean strongEnough = effect.minPercent() == null
                        || (active.percent() != null && active.percent().compareTo(effect.minPercent()) >= 0);
                return strongEnough ? effect.weight() : 0;
            }
        }
        return 0;
    }

    /** Whether the active class treats the concern at some strength: an upper bound of {@link #effect} above zero. */
    public static boolean treats(Active active, Concern concern) {
        for (Effect effect : EFFECTS.getOrDefault(active, List.of())) {
            if (effect.concern() == concern) {
                return true;
            }
        }
        return false;
    }

    /** How well a product's actives together treat the concern: the best of them. */
    public static double effect(List<ActiveStrength> actives, Concern concern) {
        double best = 0;
        for (ActiveStrength active : actives) {
            best = Math.max(best, effect(active, concern));
        }
        return best;
    }

    /** Weeks before the active's effect usually shows; null for what treats nothing (fragrance). */
    public static Integer weeksToResults(Active active) {
        return WEEKS_TO_RESULTS.get(active);
    }

    /** Whether this entry of a formula treats the concern at its strength: {@link #effect} above zero. */
    public static boolean addresses(ActiveStrength active, Concern concern) {
        return effect(active, concern) > 0;
    }

    public static boolean atMostEffectiveStrength(ActiveStrength active) {
        Range range = MOST_EFFECTIVE.get(active.code());
        return treats(active) && range != null && range.contains(active.percent());
    }

    /** An entry that may treat something: not a trace, not a safety-only form. */
    private static boolean treats(ActiveStrength active) {
        return !active.trace() && (active.form() == null || !SAFETY_ONLY_FORMS.contains(active.form()));
    }

    private static Effect full(Concern concern) {
        return new Effect(concern, 1, null);
    }

    private static Effect partial(Concern concern, double weight) {
        return new Effect(concern, weight, null);
    }

    private static Range range(String from, String to) {
        return new Range(new BigDecimal(from), new BigDecimal(to));
    }
}
