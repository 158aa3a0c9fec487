package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import com.skincareshop.recommendation.engine.rules.ScoreInputs;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * The whole routine within the customer's budget. Optional steps go first (hand care, extra serums, the exfoliant,
 * hand SPF), then core products are replaced by the cheapest that pass the very same filters (skin type, area,
 * eligibility, fitting beside the treatments, serving the same goal), then core steps are left out, least essential
 * first; sun protection goes last.
 */
final class Budget {

    private Budget() {}

    static void apply(Build build) {
        Money budget = build.customer.answers.budget();
        if (budget == null) {
            return;
        }
        if (!budget.currency().equals(build.policy.currency())) {
            // answers are validated against the shop's currency; a profile stored before that can still carry another
            build.warn(
                    WarningCode.BUDGET_CURRENCY,
                    Build.params("budgetCurrency", budget.currency(), "priceCurrency", build.policy.currency()));
            return;
        }
        if (!over(build, budget)) {
            return;
        }
        build.warn(WarningCode.BUDGET_LIMITED, Build.params("budget", budget));
        dropOptionalSteps(build, budget);
        if (over(build, budget)) {
            cheapestCore(build, budget);
        }
        leaveOutCoreSteps(build, budget);
    }

    private static void dropOptionalSteps(Build build, Money budget) {
        if (over(build, budget) && build.handCare != null) {
            build.handCare = null;
            build.warnWithText(
                    WarningCode.AREA_UNSERVED,
                    "warning.AREA_UNSERVED.BUDGET",
                    Build.params("area", Area.HANDS, "slot", Category.MOISTURIZER));
        }
        while (build.serums.size() > 1 && over(build, budget)) {
            build.serums.remove(build.serums.size() - 1);
        }
        if (build.exfoliant == null) {
            Companions.chooseExfoliant(build); // a dropped acid serum may have been the routine's exfoliation
        }
        if (over(build, budget) && build.exfoliant != null) {
            build.exfoliant = null;
            build.exfoliationWanted = false;
        }
        if (over(build, budget) && build.handSpf != null) {
            build.handSpf = null;
            build.warnWithText(
                    WarningCode.AREA_UNSERVED,
                    "warning.AREA_UNSERVED.BUDGET",
                    Build.params("area", Area.HANDS, "slot", Category.SUNSCREEN));
        }
    }

    /**
     * The cheapest core products that pass the same filters, then the best serum the rest of the budget buys. Core
     * products serve the serum's goal where they did, unless only dropping that preference leaves room for a serum.
     */
    private static void cheapestCore(Build build, Money budget) {
        Cores original = new Cores(build.amCleanser, build.pmCleanser, build.amMoisturizer, build.pmMoisturizer);
        for (boolean keepGoal : new boolean[] {true, false}) {
            original.restore(build);
            cheaperCompanions(build, keepGoal);
            if (!over(build, budget)) {
                return; // the serum fits beside the cheaper core products
            }
        }
        if (build.serums.isEmpty()) {
            return;
        }
        build.serums.clear();
        BigDecimal room = budget.amount().subtract(build.total().amount()); // what a serum may cost
        SerumSelection.bestCosting(build, room, p -> fitsBesideEveryDayProducts(build, p))
                .ifPresentOrElse(
                        p -> build.serums.add(new Build.Serum(p, SerumSelection.covered(build, p))),
                        () -> build.unfilled(Category.SERUM, true));
    }

    /** The every-day products as the selection left them, to start each pass from. */
    private record Cores(
            ProductState amCleanser, ProductState pmCleanser, ProductState amMoisturizer, ProductState pmMoisturizer) {
        void restore(Build build) {
            build.amCleanser = amCleanser;
            build.pmCleanser = pmCleanser;
            build.amMoisturizer = amMoisturizer;
            build.pmMoisturizer = pmMoisturizer;
        }
    }

    private static void cheaperCompanions(Build build, boolean keepGoal) {
        build.amCleanser = cheaper(
                build, build.amCleanser, Category.CLEANSER, Companions.morning(build, build.amCleanser), keepGoal);
        build.pmCleanser = cheaper(
                build, build.pmCleanser, Category.CLEANSER, Companions.evening(build, build.pmCleanser), keepGoal);
        build.amMoisturizer = cheaper(
                build,
                build.amMoisturizer,
                Category.MOISTURIZER,
                Companions.morning(build, build.amMoisturizer),
                keepGoal);
        build.pmMoisturizer = cheaper(
                build,
                build.pmMoisturizer,
                Category.MOISTURIZER,
                Companions.evening(build, build.pmMoisturizer),
                keepGoal);
        if (build.spf != null) {
            int protection = Math.min(build.spf.spf(), build.customer.targetSpf); // never less than was found
            build.spf =
                    SunProtection.cheapest(build, build.eligibility, protection).orElse(build.spf);
        }
    }

    /** Still over: leave out core steps, least essential first; sun protection goes last. */
    private static void leaveOutCoreSteps(Build build, Money budget) {
        if (over(build, budget) && (build.amCleanser != null || build.pmCleanser != null)) {
            build.amCleanser = build.pmCleanser = null;
            build.unfilled(Category.CLEANSER, true);
        }
        if (over(build, budget) && (build.amMoisturizer != null || build.pmMoisturizer != null)) {
            build.amMoisturizer = build.pmMoisturizer = null;
            build.unfilled(Category.MOISTURIZER, true);
        }
        if (over(build, budget) && !build.serums.isEmpty()) {
            build.serums.clear();
            build.unfilled(Category.SERUM, true);
        }
        if (over(build, budget) && build.spf != null) {
            build.spf = null;
            build.unfilled(Category.SUNSCREEN, true);
        }
    }

    /**
     * The cheapest product of the category that passes {@code fits} and the hard filters, and with {@code keepGoal}
     * serves at least one of the customer's concerns where {@code current} did; {@code current} when nothing is cheaper.
     */
    private static ProductState cheaper(
            Build build, ProductState current, Category category, Fit fits, boolean keepGoal) {
        if (current == null) {
            return null;
        }
        boolean servedAGoal = keepGoal && reachesAConcern(build, current);
        return build.catalog
                .cheapest(
                        category,
                        build.customer.answers.skinType(),
                        // the goal as a group's traits hold it (a cleanser's and a moisturizer's reach is in the key,
                        // the only categories asked here): a group that reaches none of the concerns is refused at
                        // once, not walked product by product
                        traits -> traits.hasArea(build.eligibility.area())
                                && (!servedAGoal || reachesAConcern(build, traits)),
                        Build.groupAllows(build.eligibility, fits),
                        p -> build.eligibility.allows(p) && fits.test(p) && (!servedAGoal || reachesAConcern(build, p)))
                .filter(p -> p.price().amount().compareTo(current.price().amount()) < 0)
                .orElse(current);
    }

    private static boolean reachesAConcern(Build build, ProductState product) {
        return reachesAConcern(build, new ProductInputs(product));
    }

    private static boolean reachesAConcern(Build build, ScoreInputs inputs) {
        for (Concern concern : build.customer.concerns) {
            if (inputs.reach(concern) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A serum chosen after the every-day products must fit beside each of them. */
    private static boolean fitsBesideEveryDayProducts(Build build, ProductState serum) {
        boolean sensitive = build.customer.sensitive();
        List<ProductState> alone = List.of(serum);
        Predicate<ProductState> morning = Conflicts.fitsEveryDay(alone, sensitive, TimeOfDay.AM);
        Predicate<ProductState> evening = Conflicts.fitsEveryDay(alone, sensitive, TimeOfDay.PM);
        return build.everyDay(TimeOfDay.AM).stream().allMatch(morning)
                && build.everyDay(TimeOfDay.PM).stream().allMatch(evening);
    }

    private static boolean over(Build build, Money budget) {
        return build.total().amount().compareTo(budget.amount()) > 0;
    }
}
