package com.skincareshop.recommendation.engine;

import static com.skincareshop.recommendation.engine.rules.Actives.classAbove;
import static com.skincareshop.recommendation.engine.rules.Actives.has;
import static com.skincareshop.recommendation.engine.rules.Actives.treatsWith;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.recommendation.engine.rules.Actives;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hard filters written as one function, as {@link Eligibility} read before the catalogue index partitioned its
 * products by what they read: the reference that {@code RoutineSafetyProperties} holds the split filters to, for any
 * product and customer. Kept apart from the engine on purpose: a change to a filter is made in both, and the
 * property says whether they still agree.
 */
final class HardFiltersAsWritten {

    /**
     * Medicines, not cosmetics, in the EU (tretinoin is banned from cosmetics, Annex II of Regulation (EC) No
     * 1223/2009; the others need a prescription): a shop recommends none of them, to anyone.
     */
    static final Set<String> PRESCRIPTION_ONLY =
            Set.of("Tretinoin", "Adapalene", "Tazarotene", "Isotretinoin", "Trifarotene");
    /**
     * Strength ceilings per form for sensitive skin (% of the formula), beside the class ceilings below and the
     * policy's for retinoids and AHAs.
     */
    static final Map<String, BigDecimal> SENSITIVE_FORM_CEILINGS = Map.of(
            "Retinal", new BigDecimal("0.05"),
            "Ascorbic Acid", new BigDecimal("10"),
            "Niacinamide", new BigDecimal("5")); // flushing and irritation above

    static final BigDecimal SENSITIVE_MAX_BENZOYL_PEROXIDE = new BigDecimal("2.5");
    private static final Set<Active> SALICYLATES = EnumSet.of(Active.BHA);
    /** Salicylates on sensitive skin: 1% left on the skin, 2% in a cleanser that is rinsed off. */
    static final BigDecimal SENSITIVE_MAX_BHA_LEAVE_ON = new BigDecimal("1");

    static final BigDecimal SENSITIVE_MAX_BHA_RINSE_OFF = new BigDecimal("2");
    /** The most irritating AHA (the smallest molecule): not left on sensitive skin; lactic, mandelic or a PHA instead. */
    static final String SENSITIVE_NO_LEAVE_ON_FORM = "Glycolic Acid";

    private final RoutinePolicy policy;
    private final CustomerNeeds customer;
    private final Area area;
    private final SkinType skinType;
    private final Set<String> avoidedKeys;
    private final Set<Active> avoidedClasses;
    /**
     * A label name the dictionary does not know may be the fragrance, retinoid or avoided ingredient under a spelling
     * it has not learnt: where a filter depends on reading every ingredient, such a product is left out.
     */
    private final boolean unknownIngredientsExclude;
    /** Class ceilings for sensitive skin, left on the skin (a cleanser's BHA has its own). */
    private final Map<Active, BigDecimal> sensitiveClassCeilings;

    HardFiltersAsWritten(RoutinePolicy policy, CustomerNeeds customer, Area area) {
        this.policy = policy;
        this.customer = customer;
        this.area = area;
        this.skinType = customer.answers.skinType();
        // what the customer wrote, read as the engine reads it: the split is in the filters, not in the reading
        AvoidedIngredients avoided = AvoidedIngredients.of(customer.answers.avoidIngredients());
        this.avoidedKeys = avoided.matchKeys();
        this.avoidedClasses = avoided.classes();
        this.unknownIngredientsExclude = customer.sensitive()
                || customer.answers.pregnantOrBreastfeeding()
                || !avoidedKeys.isEmpty()
                || !avoidedClasses.isEmpty();
        this.sensitiveClassCeilings = new EnumMap<>(Map.of(
                Active.RETINOID,
                policy.sensitiveMaxRetinol(),
                Active.AHA,
                policy.sensitiveMaxAha(),
                Active.BENZOYL_PEROXIDE,
                SENSITIVE_MAX_BENZOYL_PEROXIDE,
                Active.BHA,
                SENSITIVE_MAX_BHA_LEAVE_ON));
    }

    boolean allows(ProductState product) {
        if (!product.areas().contains(area)
                || !policy.currency().equals(product.price().currency())) {
            return false;
        }
        if (skinType != null && !product.skinTypes().contains(skinType)) {
            return false;
        }
        if (!avoidedKeys.isEmpty()) { // the look-up of every INCI name is the costly part: only when needed
            for (Ingredient ingredient : product.ingredients()) {
                if (avoidedKeys.contains(AvoidedIngredients.matchKey(ingredient.inci()))) {
                    return false;
                }
            }
        }
        if (unknownIngredientsExclude && !product.unrecognizedIngredients().isEmpty()) {
            return false; // fail closed: what cannot be read cannot be shown safe
        }
        List<ActiveStrength> actives = product.actives();
        for (ActiveStrength active : actives) {
            if (avoidedClasses.contains(active.code())
                    || (active.code() == Active.RETINOID
                            && active.form() != null
                            && PRESCRIPTION_ONLY.contains(active.form()))) {
                return false;
            }
        }
        if (customer.answers.pregnantOrBreastfeeding() && !safeInPregnancy(product)) {
            return false;
        }
        return !customer.sensitive() || gentleEnough(product);
    }

    /**
     * No retinoid in any form or amount; no salicylate above 2% (or of unknown strength; a trace that preserves is far
     * below); no salicylate peel.
     */
    private boolean safeInPregnancy(ProductState product) {
        List<ActiveStrength> actives = product.actives();
        return !has(actives, Active.RETINOID)
                && !classAbove(actives, Active.BHA, policy.pregnancyMaxBha())
                && !(product.category() == Category.EXFOLIANT && treatsWith(actives, SALICYLATES));
    }

    /**
     * Fragrance-free, and every strong active within its ceiling for sensitive skin: a class's forms added up, each
     * form within its own ceiling, an unstated strength above every ceiling. One pass over the actives: this runs for
     * every product a sensitive customer's searches visit.
     */
    private boolean gentleEnough(ProductState product) {
        if (product.containsFragrance()) {
            return false;
        }
        boolean rinsedOff = product.category() == Category.CLEANSER;
        BigDecimal[] classSums = null;
        for (ActiveStrength active : product.actives()) {
            if (Actives.harmlessTrace(active)) {
                continue;
            }
            String form = active.form();
            if (form != null) {
                BigDecimal formCeiling = SENSITIVE_FORM_CEILINGS.get(form);
                if ((formCeiling != null
                                && (active.percent() == null || active.percent().compareTo(formCeiling) > 0))
                        || (!rinsedOff && SENSITIVE_NO_LEAVE_ON_FORM.equals(form))) {
                    return false;
                }
            }
            BigDecimal classCeiling = active.code() == Active.BHA && rinsedOff
                    ? SENSITIVE_MAX_BHA_RINSE_OFF
                    : sensitiveClassCeilings.get(active.code());
            if (classCeiling != null) {
                if (active.percent() == null) {
                    return false;
                }
                classSums = classSums == null ? new BigDecimal[Active.values().length] : classSums;
                int ordinal = active.code().ordinal();
                BigDecimal sum =
                        classSums[ordinal] == null ? active.percent() : classSums[ordinal].add(active.percent());
                if (sum.compareTo(classCeiling) > 0) {
                    return false;
                }
                classSums[ordinal] = sum;
            }
        }
        return true;
    }
}
