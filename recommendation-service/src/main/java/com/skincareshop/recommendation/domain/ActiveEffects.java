package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Concern;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * What each active does for which concern (DOMAIN.md's table), as data. {@code weight} 1 is a full effect;
 * less marks a supporting one (green tea's antioxidant protection, mica's optical glow that does not last).
 * {@code minPercent}: the strength below which the sources give no effect for that concern (vitamin C needs 7%
 * for pores); an undeclared strength does not meet a threshold.
 */
final class ActiveEffects {

    record Effect(Concern concern, double weight, BigDecimal minPercent) {
    }

    /** Strengths the sources call most effective, e.g. vitamin C 10-20%. */
    record Range(BigDecimal from, BigDecimal to) {
        boolean contains(BigDecimal percent) {
            return percent != null && percent.compareTo(from) >= 0 && percent.compareTo(to) <= 0;
        }
    }

    private static final Map<Active, List<Effect>> EFFECTS = new EnumMap<>(Map.ofEntries(
            Map.entry(Active.VITAMIN_C, List.of(full(DARK_SPOTS), full(DULLNESS), full(ACNE_SCARS), full(FIRMNESS),
                    full(SAGGING_PORES), new Effect(ENLARGED_PORES, 1, new BigDecimal("7")))),
            Map.entry(Active.RETINOID, List.of(full(FIRMNESS), full(FINE_LINES), full(SAGGING_PORES),
                    full(ENLARGED_PORES), full(UNEVEN_TEXTURE))),
            Map.entry(Active.PEPTIDES, List.of(full(FIRMNESS), full(FINE_LINES))),
            Map.entry(Active.GROWTH_FACTORS, List.of(full(FIRMNESS), full(SAGGING_PORES))),
            Map.entry(Active.HYALURONIC_ACID, List.of(full(DEHYDRATION), partial(FINE_LINES, 0.5))),
            Map.entry(Active.AHA, List.of(full(UNEVEN_TEXTURE), full(DULLNESS), full(ENLARGED_PORES), full(DARK_SPOTS))),
            Map.entry(Active.BHA, List.of(full(CLOGGED_PORES), full(ENLARGED_PORES))),
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

    static final Set<Active> PREVENTIVE = EnumSet.of(Active.VITAMIN_C, Active.GREEN_TEA, Active.HYALURONIC_ACID);
    static final Set<Active> CORRECTIVE = EnumSet.of(Active.PEPTIDES, Active.RETINOID, Active.GROWTH_FACTORS);
    /** Raise sun sensitivity (FDA on AHAs): only in the evening, and the morning SPF becomes mandatory. */
    static final Set<Active> PHOTOSENSITIZING = EnumSet.of(Active.RETINOID, Active.AHA);
    static final Set<Active> EXFOLIATING_ACIDS = EnumSet.of(Active.AHA, Active.BHA);
    /** Actives a sensitive skin should patch test (AAD); humectants and mica need none. */
    static final Set<Active> NEEDS_PATCH_TEST = EnumSet.of(Active.VITAMIN_C, Active.RETINOID, Active.PEPTIDES,
            Active.GROWTH_FACTORS, Active.AHA, Active.BHA, Active.NIACINAMIDE, Active.BENZOYL_PEROXIDE);

    private ActiveEffects() {
    }

    /** How well one active of a product, at its declared strength, treats the concern: 0 when it does not. */
    static double effect(ActiveStrength active, Concern concern) {
        for (Effect effect : EFFECTS.getOrDefault(active.code(), List.of())) {
            if (effect.concern() == concern) {
                boolean strongEnough = effect.minPercent() == null
                        || (active.percent() != null && active.percent().compareTo(effect.minPercent()) >= 0);
                return strongEnough ? effect.weight() : 0;
            }
        }
        return 0;
    }

    /** Whether the active treats the concern at some strength: an upper bound of {@link #effect} above zero. */
    static boolean treats(Active active, Concern concern) {
        for (Effect effect : EFFECTS.getOrDefault(active, List.of())) {
            if (effect.concern() == concern) {
                return true;
            }
        }
        return false;
    }

    /** How well a product's actives together treat the concern: the best of them. */
    static double effect(List<ActiveStrength> actives, Concern concern) {
        double best = 0;
        for (ActiveStrength active : actives) {
            best = Math.max(best, effect(active, concern));
        }
        return best;
    }

    static boolean atMostEffectiveStrength(ActiveStrength active) {
        Range range = MOST_EFFECTIVE.get(active.code());
        return range != null && range.contains(active.percent());
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
