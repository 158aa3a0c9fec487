package com.skincareshop.recommendation.engine;

import static com.skincareshop.recommendation.engine.rules.Actives.classAbove;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.recommendation.engine.rules.Exclusions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hard filters: what may never be recommended to this customer for this area, whatever its score. The skin type
 * is one of them: a gel for oily skin is not a dry skin's moisturizer, in budget mode neither.
 */
final class Eligibility {

    /**
     * The match key of each INCI name of the catalogue (its dictionary entry's canonical name, else the folded name),
     * so that a customer who avoids one does not cost a look-up per ingredient of every product visited. Bounded:
     * past the cap, names are looked up each time.
     */
    private static final Map<String, String> MATCH_KEYS = new ConcurrentHashMap<>();

    private static final int MATCH_KEYS_CAP = 50_000;

    private final RoutinePolicy policy;
    private final CustomerNeeds customer;
    private final Area area;
    private final SkinType skinType;
    private final Set<String> avoidedKeys = new HashSet<>();
    private final Set<Active> avoidedClasses = EnumSet.noneOf(Active.class);
    private final List<String> unknownAvoided = new ArrayList<>();
    /** {@link #avoidedClasses} as {@link Exclusions} bits. */
    private final int avoidedClassBits;
    /**
     * A label name the dictionary does not know may be the fragrance, retinoid or avoided ingredient under a spelling
     * it has not learnt: where a filter depends on reading every ingredient, such a product is left out.
     */
    private final boolean unknownIngredientsExclude;

    Eligibility(RoutinePolicy policy, CustomerNeeds customer, Area area) {
        this.policy = policy;
        this.customer = customer;
        this.area = area;
        this.skinType = customer.answers.skinType();
        for (String name : customer.answers.avoidIngredients()) {
            Optional<Active> whole = InciDictionary.classNamed(name);
            if (whole.isPresent()) {
                avoidedClasses.add(whole.get());
                continue;
            }
            Optional<InciDictionary.Entry> entry = InciDictionary.lookup(name);
            if (entry.isEmpty()) {
                unknownAvoided.add(name); // still excluded by its exact (folded) name, and said so
            }
            avoidedKeys.add(entry.map(InciDictionary.Entry::canonical).orElseGet(() -> InciDictionary.normalize(name)));
        }
        int classBits = 0;
        for (Active avoided : avoidedClasses) {
            classBits |= Exclusions.classBit(avoided);
        }
        this.avoidedClassBits = classBits;
        this.unknownIngredientsExclude = customer.sensitive()
                || customer.answers.pregnantOrBreastfeeding()
                || !avoidedKeys.isEmpty()
                || !avoidedClasses.isEmpty();
    }

    Area area() {
        return area;
    }

    /** The same customer's filters for another area. */
    Eligibility forArea(Area other) {
        return other == area ? this : new Eligibility(policy, customer, other);
    }

    /** Avoided names the dictionary does not know, as the customer wrote them. */
    List<String> unknownAvoided() {
        return unknownAvoided;
    }

    /**
     * The part of {@link #allows} that reads only a product's {@link Exclusions} and its price's currency: what the
     * catalogue index keeps beside each partition of a group, so that a search refuses a partition from its bits.
     */
    boolean allowsExclusions(int exclusions, String currency) {
        boolean pregnant = customer.answers.pregnantOrBreastfeeding();
        return policy.currency().equals(currency)
                && (exclusions & (avoidedClassBits | Exclusions.PRESCRIPTION_ONLY)) == 0
                && !(unknownIngredientsExclude && (exclusions & Exclusions.UNRECOGNIZED_INGREDIENTS) != 0)
                // pregnancy: no retinoid in any form or amount, no salicylate peel
                && !(pregnant
                        && (exclusions & (Exclusions.classBit(Active.RETINOID) | Exclusions.SALICYLATE_PEEL)) != 0)
                // sensitive skin: fragrance-free, and within every ceiling the policy does not set
                && !(customer.sensitive()
                        && ((exclusions & Exclusions.FRAGRANCE) != 0
                                || (exclusions & Exclusions.WITHIN_FIXED_SENSITIVE_CEILINGS) == 0));
    }

    /** The part of {@link #allows} that every product of a partition of an index group passes or fails alike. */
    boolean allowsGroupOf(ProductState member) {
        return member.areas().contains(area)
                && allowsExclusions(Exclusions.of(member), member.price().currency());
    }

    boolean allows(ProductState product) {
        if (skinType != null && !product.skinTypes().contains(skinType)) {
            return false;
        }
        if (!allowsGroupOf(product)) {
            return false;
        }
        if (!avoidedKeys.isEmpty()) { // the look-up of every INCI name is the costly part: only when needed
            for (Ingredient ingredient : product.ingredients()) {
                if (avoidedKeys.contains(matchKey(ingredient.inci()))) {
                    return false;
                }
            }
        }
        List<ActiveStrength> actives = product.actives();
        // pregnancy: no salicylate above the policy's limit (or of unknown strength; a trace that preserves is below)
        if (customer.answers.pregnantOrBreastfeeding() && classAbove(actives, Active.BHA, policy.pregnancyMaxBha())) {
            return false;
        }
        // sensitive skin: retinoids and AHAs within the policy's ceilings, a class's forms added up, an unstated
        // strength above every ceiling
        return !customer.sensitive()
                || (!classAbove(actives, Active.RETINOID, policy.sensitiveMaxRetinol())
                        && !classAbove(actives, Active.AHA, policy.sensitiveMaxAha()));
    }

    private static String matchKey(String inci) {
        String known = MATCH_KEYS.get(inci);
        if (known != null) {
            return known;
        }
        String key = InciDictionary.lookup(inci)
                .map(InciDictionary.Entry::canonical)
                .orElseGet(() -> InciDictionary.normalize(inci));
        if (MATCH_KEYS.size() < MATCH_KEYS_CAP) {
            MATCH_KEYS.put(inci, key);
        }
        return key;
    }
}
