package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.recommendation.engine.index.CatalogView;

/**
 * Builds a routine from a customer's answers and the available catalogue. Plain Java and deterministic: the same
 * answers and catalogue give the same routine; ties are broken by sku.
 *
 * <p>The steps, in order: the morning's SPF, which no other choice may crowd out ({@link SunProtection}); serums for the
 * concerns ({@link SerumSelection}); the exfoliant, cleansers and moisturizers for the same goal, fitting beside the
 * treatments ({@link Companions}); the hands where asked for ({@link HandCare}); the budget ({@link Budget}); then the 7-night plan, reasons, usage and
 * warnings ({@link Schedule}, {@link Explanations}). Every step applies the hard filters ({@link Eligibility}) and the
 * whole-routine safety rules ({@link Conflicts}).
 */
public final class RoutineEngine {

    private final RoutinePolicy policy;

    public RoutineEngine(RoutinePolicy policy) {
        this.policy = policy;
    }

    /**
     * How much of the routine to work out. {@code ESSENTIAL}: the steps, reasons, usage, plan and warnings (the first
     * version of the response, and what is issued to marketing). {@code FULL} adds what a storefront renders: product
     * facts, labels, what each step addresses, alternatives (more searches of the catalogue), the cart and
     * placeholders.
     */
    public enum Detail {
        ESSENTIAL,
        FULL
    }

    public Routine build(String customerId, Long profileVersion, Answers answers, String locale, CatalogView catalog) {
        return build(customerId, profileVersion, answers, locale, catalog, Detail.ESSENTIAL);
    }

    public Routine build(
            String customerId,
            Long profileVersion,
            Answers answers,
            String locale,
            CatalogView catalog,
            Detail detail) {
        Build build = new Build(policy, new CustomerNeeds(answers, policy), catalog);
        SunProtection.choose(build); // first: whatever else is chosen must fit beside it, not the other way round
        SerumSelection.choose(build);
        Companions.chooseExfoliant(build);
        Companions.chooseCleansersAndMoisturizers(build);
        HandCare.choose(build);
        Budget.apply(build);
        HandCare.reportUnserved(build);
        reportUnfilledSlots(build);
        return new Explanations(build, Locales.resolve(locale), detail).routine(customerId, profileVersion);
    }

    /** A slot the catalogue cannot fill is left out and said so, rather than filled with something wrong. */
    private static void reportUnfilledSlots(Build build) {
        if (build.serums.isEmpty()) {
            build.unfilled(Category.SERUM, false);
        }
        if (build.exfoliationWanted && build.exfoliant == null) {
            build.unfilled(Category.EXFOLIANT, false);
        }
        if (build.amCleanser == null && build.pmCleanser == null) {
            build.unfilled(Category.CLEANSER, false);
        }
        if (build.amMoisturizer == null && build.pmMoisturizer == null && !build.spfIsMoisturizer()) {
            build.unfilled(Category.MOISTURIZER, false);
        }
        if (build.spf == null) {
            build.unfilled(Category.SUNSCREEN, false);
        }
    }
}
