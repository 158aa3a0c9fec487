package com.skincareshop.recommendation.engine;

import static com.skincareshop.recommendation.engine.rules.Actives.classAbove;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.recommendation.engine.rules.Exclusions;
import java.util.List;

/**
 * The hard filters: what may never be recommended to this customer for this area, whatever its score. The skin type
 * is one of them: a gel for oily skin is not a dry skin's moisturizer, in budget mode neither.
 */
final class Eligibility {

    private final RoutinePolicy policy;
    private final CustomerNeeds customer;
    private final Area area;
    private final SkinType skinType;
    private final AvoidedIngredients avoided;
    /** The avoided classes as {@link Exclusions} bits. */
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
        this.avoided = AvoidedIngredients.of(customer.answers.avoidIngredients());
        int classBits = 0;
        for (Active avoidedClass : avoided.classes()) {
            classBits |= Exclusions.classBit(avoidedClass);
        }
        this.avoidedClassBits = classBits;
        this.unknownIngredientsExclude = customer.sensitive()
                || customer.answers.pregnantOrBreastfeeding()
                || !avoided.matchKeys().isEmpty()
                || !avoided.classes().isEmpty();
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
        return avoided.unknown();
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
        if (!avoided.matchKeys().isEmpty()) { // the look-up of every INCI name is the costly part: only when needed
            for (Ingredient ingredient : product.ingredients()) {
                if (avoided.matchKeys().contains(AvoidedIngredients.matchKey(ingredient.inci()))) {
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
}
