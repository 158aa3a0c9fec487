package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hard filters (DOMAIN.md rules 1-4): what may never be recommended to this customer, whatever its score.
 */
final class Eligibility {

    /**
     * Names a customer may give for a whole class. "Fragrance" means every fragrance ingredient (rule 2), and so
     * does "perfume"; "Retinol" alone means the INCI Retinol, "retinoids" means all of them.
     */
    private static final Map<String, Active> CLASS_NAMES = Map.ofEntries(
            Map.entry("fragrance", Active.FRAGRANCE), Map.entry("parfum", Active.FRAGRANCE),
            Map.entry("perfume", Active.FRAGRANCE), Map.entry("scent", Active.FRAGRANCE),
            Map.entry("retinoid", Active.RETINOID), Map.entry("retinoids", Active.RETINOID),
            Map.entry("vitamin a", Active.RETINOID), Map.entry("vitamin c", Active.VITAMIN_C),
            Map.entry("aha", Active.AHA), Map.entry("ahas", Active.AHA),
            Map.entry("alpha hydroxy acids", Active.AHA), Map.entry("bha", Active.BHA),
            Map.entry("beta hydroxy acid", Active.BHA), Map.entry("peptides", Active.PEPTIDES),
            Map.entry("growth factors", Active.GROWTH_FACTORS));

    /**
     * Normalized INCI names of the catalogue, so a customer who avoids one does not cost a Unicode normalization per
     * ingredient of every product visited. Bounded: past the cap, names are normalized each time.
     */
    private static final Map<String, String> NORMALIZED_INCI = new ConcurrentHashMap<>();
    private static final int NORMALIZED_INCI_CAP = 50_000;

    private final RoutinePolicy policy;
    private final Answers answers;
    private final Area area;
    private final Set<String> avoidedInci = new HashSet<>();
    private final Set<Active> avoidedClasses = EnumSet.noneOf(Active.class);

    Eligibility(RoutinePolicy policy, Answers answers) {
        this.policy = policy;
        this.answers = answers;
        // the routine is for the face when the customer chose it, else for the hands
        this.area = answers.areas().contains(Area.FACE) || answers.areas().isEmpty() ? Area.FACE : Area.HANDS;
        for (String name : answers.avoidIngredients()) {
            String normalized = InciDictionary.normalize(name);
            Optional.ofNullable(CLASS_NAMES.get(normalized.toLowerCase(Locale.ROOT)))
                    .ifPresentOrElse(avoidedClasses::add, () -> avoidedInci.add(normalized));
        }
    }

    Area area() {
        return area;
    }

    boolean allows(ProductState product) {
        if (!product.areas().contains(area) || !policy.currency().equals(product.price().currency())) {
            return false;
        }
        if (!avoidedInci.isEmpty()) { // normalizing every INCI name is the costly part: only when needed
            for (Ingredient ingredient : product.ingredients()) {
                if (avoidedInci.contains(normalized(ingredient.inci()))) {
                    return false;
                }
            }
        }
        for (ActiveStrength active : product.actives()) {
            if (avoidedClasses.contains(active.code())) {
                return false;
            }
        }
        if (answers.pregnantOrBreastfeeding()
                && (has(product.actives(), Active.RETINOID) || above(product.actives(), Active.BHA, policy.pregnancyMaxBha()))) {
            return false;
        }
        if (answers.sensitive() && (product.containsFragrance()
                || above(product.actives(), Active.RETINOID, policy.sensitiveMaxRetinol())
                || above(product.actives(), Active.AHA, policy.sensitiveMaxAha()))) {
            return false;
        }
        return true;
    }

    private static String normalized(String inci) {
        String known = NORMALIZED_INCI.get(inci);
        if (known != null) {
            return known;
        }
        String normalized = InciDictionary.normalize(inci);
        if (NORMALIZED_INCI.size() < NORMALIZED_INCI_CAP) {
            NORMALIZED_INCI.put(inci, normalized);
        }
        return normalized;
    }

    // Loops rather than streams: these run for every product a search visits.

    static boolean has(List<ActiveStrength> actives, Active code) {
        for (ActiveStrength active : actives) {
            if (active.code() == code) {
                return true;
            }
        }
        return false;
    }

    static boolean hasAny(List<ActiveStrength> actives, Set<Active> codes) {
        for (ActiveStrength active : actives) {
            if (codes.contains(active.code())) {
                return true;
            }
        }
        return false;
    }

    /** Stronger than the limit, or of unknown strength: a limit the label cannot show is not met. */
    private static boolean above(List<ActiveStrength> actives, Active code, BigDecimal limit) {
        for (ActiveStrength active : actives) {
            if (active.code() == code && (active.percent() == null || active.percent().compareTo(limit) > 0)) {
                return true;
            }
        }
        return false;
    }
}
