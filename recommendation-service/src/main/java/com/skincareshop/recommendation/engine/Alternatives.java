package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.Routine.AlternativeReason;
import com.skincareshop.recommendation.engine.index.Search;
import com.skincareshop.recommendation.engine.index.Traits;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import com.skincareshop.recommendation.engine.rules.Scores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Up to two products that may take a step's place: the best-scored one that costs less, and, when the step's
 * product holds fragrance, the best-scored one without. An alternative is searched exactly as the step's product
 * was (the customer's hard filters, the step's own conditions beside the rest of the routine), is of the same
 * category, and for a treatment (a serum, an exfoliant) keeps the routine's plan: the same times of day and conflict
 * classes (retinoid, acid, benzoyl peroxide, sun-sensitizing, ramp-up), so swapping it in changes no other step and no
 * night. An everyday product's step already requires it to clash with nothing and need no ramp-up. A serum
 * alternative treats every concern the serum was chosen for; a sunscreen one protects at least as much as the
 * routine needs (or as the chosen one, if that is less); with a budget, the swap stays within it. Steps for the
 * hands get none.
 */
final class Alternatives {

    /** One alternative and why it is offered. */
    record Found(ProductState product, List<AlternativeReason> why) {}

    private Alternatives() {}

    /**
     * {@code usedElsewhere}: the product has another step too (a cleanser morning and evening); swapping this step
     * only then adds a product to the routine rather than replacing one, which a budget must have room for.
     */
    static List<Found> of(
            Build build, Category slot, ProductState chosen, TimeOfDay time, Area area, boolean usedElsewhere) {
        if (area != build.eligibility.area()) {
            return List.of();
        }
        Optional<StepQuery> query = query(build, slot, chosen, time);
        if (query.isEmpty()) {
            return List.of();
        }
        Predicate<ProductState> swappable = swappable(build, chosen, usedElsewhere);
        BigDecimal price = chosen.price().amount();
        Optional<ProductState> cheaper =
                query.get().best(build, swappable.and(p -> p.price().amount().compareTo(price) < 0));
        Optional<ProductState> fragranceFree = chosen.containsFragrance()
                ? query.get().best(build, swappable.and(p -> !p.containsFragrance()))
                : Optional.empty();

        List<Found> found = new ArrayList<>(2);
        cheaper.ifPresent(p -> found.add(new Found(p, reasons(chosen, p))));
        fragranceFree
                .filter(p -> cheaper.isEmpty() || !cheaper.get().sku().equals(p.sku()))
                .ifPresent(p -> found.add(new Found(p, reasons(chosen, p))));
        return List.copyOf(found);
    }

    static Money priceDifference(ProductState chosen, ProductState alternative) {
        return new Money(
                alternative.price().amount().subtract(chosen.price().amount()).setScale(2),
                chosen.price().currency());
    }

    private static List<AlternativeReason> reasons(ProductState chosen, ProductState alternative) {
        List<AlternativeReason> why = new ArrayList<>(2);
        if (alternative.price().amount().compareTo(chosen.price().amount()) < 0) {
            why.add(AlternativeReason.CHEAPER);
        }
        if (chosen.containsFragrance() && !alternative.containsFragrance()) {
            why.add(AlternativeReason.FRAGRANCE_FREE);
        }
        return List.copyOf(why);
    }

    /** The step's own search: its conditions, its score and the bound of that score. */
    private record StepQuery(
            Category category, Fit fit, ToDoubleFunction<ProductState> score, ToDoubleFunction<Traits> bound) {

        Optional<ProductState> best(Build build, Predicate<ProductState> also) {
            Search search = build.search(build.eligibility, fit.and(also), score, bound);
            return build.catalog.best(category, search);
        }
    }

    private static Optional<StepQuery> query(Build build, Category slot, ProductState chosen, TimeOfDay time) {
        ToDoubleFunction<ProductState> companionScore =
                p -> Scores.companion(new ProductInputs(p), build.customer.scoring);
        ToDoubleFunction<Traits> companionBound = traits -> Companions.bound(build, build.eligibility, traits);
        return switch (slot) {
            case SERUM -> {
                List<ProductState> others = build.serumProducts().stream()
                        .filter(p -> !p.sku().equals(chosen.sku()))
                        .toList();
                Set<Concern> goals = SerumSelection.covered(build, chosen);
                Fit fit = SerumSelection.candidate(build)
                        .and(Conflicts.compatibleSerum(others))
                        .and(p -> SerumSelection.covered(build, p).containsAll(goals));
                yield Optional.of(new StepQuery(
                        Category.SERUM,
                        fit,
                        p -> SerumSelection.score(build, p),
                        traits -> SerumSelection.bound(build, traits)));
            }
            case EXFOLIANT ->
                Optional.of(new StepQuery(
                        Category.EXFOLIANT,
                        Fit.ofGroup(p -> Companions.exfoliantFits(build, p, build.serumProducts())),
                        companionScore,
                        companionBound));
            case CLEANSER, MOISTURIZER ->
                Optional.of(new StepQuery(
                        slot,
                        time == TimeOfDay.AM ? Companions.morning(build, chosen) : Companions.evening(build, chosen),
                        companionScore,
                        companionBound));
            case SUNSCREEN -> {
                int enough = Math.min(chosen.spf(), build.customer.targetSpf);
                Fit fit = SunProtection.candidate(build, build.eligibility).and(p -> p.spf() >= enough);
                yield Optional.of(new StepQuery(
                        chosen.category(),
                        fit,
                        p -> Scores.sunProtection(new ProductInputs(p), build.customer.wantedAreas),
                        traits -> SunProtection.bound(build, build.eligibility, traits, build.customer.wantedAreas)));
            }
        };
    }

    /** Not already in the routine; for a treatment, the same plan; within the budget when swapped in. */
    private static Predicate<ProductState> swappable(Build build, ProductState chosen, boolean usedElsewhere) {
        Set<String> inRoutine = new HashSet<>();
        build.chosenProducts().forEach(p -> inRoutine.add(p.sku()));
        BigDecimal ceiling = budgetCeiling(build, chosen, usedElsewhere);
        Predicate<ProductState> samePlan = treatment(chosen) ? samePlanAs(build, chosen) : p -> true;
        return p -> p.category() == chosen.category()
                && !inRoutine.contains(p.sku())
                && samePlan.test(p)
                && (ceiling == null || p.price().amount().compareTo(ceiling) <= 0);
    }

    /** Serums and exfoliants have nights of their own; the everyday products' steps already fit beside them. */
    private static boolean treatment(ProductState product) {
        return product.category() == Category.SERUM || product.category() == Category.EXFOLIANT;
    }

    /** A treatment swapped in must keep the plan: the same times of day, conflict classes and ramp-up. */
    private static Predicate<ProductState> samePlanAs(Build build, ProductState chosen) {
        boolean sensitive = build.customer.sensitive();
        return p -> Conflicts.usableInTheMorning(p) == Conflicts.usableInTheMorning(chosen)
                && Conflicts.usableInTheEvening(p) == Conflicts.usableInTheEvening(chosen)
                && Conflicts.retinoid(p) == Conflicts.retinoid(chosen)
                && Conflicts.acid(p) == Conflicts.acid(chosen)
                && Conflicts.benzoylPeroxide(p) == Conflicts.benzoylPeroxide(chosen)
                && Conflicts.sunSensitizing(p) == Conflicts.sunSensitizing(chosen)
                && Conflicts.needsRampUp(p, sensitive) == Conflicts.needsRampUp(chosen, sensitive);
    }

    /** The most an alternative may cost so that the routine stays within the budget; null without one. */
    private static BigDecimal budgetCeiling(Build build, ProductState chosen, boolean usedElsewhere) {
        Money budget = build.customer.answers.budget();
        if (budget == null || !budget.currency().equals(build.policy.currency())) {
            return null;
        }
        BigDecimal room = budget.amount().subtract(build.total().amount()).max(BigDecimal.ZERO);
        return usedElsewhere ? room : chosen.price().amount().add(room);
    }
}
