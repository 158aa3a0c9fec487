package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.index.Traits;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import com.skincareshop.recommendation.engine.rules.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The exfoliant, cleansers and moisturizers, chosen for the same goal as the serums (brightening seed: together they
 * show results sooner). Large or sagging pores get exfoliation when no serum exfoliates (pores seed). Cleansers and
 * moisturizers are used every day, so they must fit beside every treatment ({@link Conflicts#fitsEveryDay}); the
 * evening moisturizer has no SPF.
 */
final class Companions {

    private Companions() {}

    static void chooseExfoliant(Build build) {
        List<ProductState> treatments = build.treatments();
        boolean serumExfoliates = treatments.stream().anyMatch(Conflicts::acid);
        build.exfoliationWanted = build.customer.wantsExfoliation() && !serumExfoliates;
        if (!build.exfoliationWanted) {
            return;
        }
        build.exfoliant = best(build, Category.EXFOLIANT, Fit.ofGroup(p -> exfoliantFits(build, p, treatments)))
                .orElse(null);
    }

    /** An evening product that takes nights of its own; never a second retinoid, nothing sun-sensitizing without SPF. */
    static boolean exfoliantFits(Build build, ProductState product, List<ProductState> treatments) {
        return Conflicts.usableInTheEvening(product)
                && (build.spf != null || !Conflicts.sunSensitizing(product))
                && !(Conflicts.retinoid(product) && treatments.stream().anyMatch(Conflicts::retinoid));
    }

    static void chooseCleansersAndMoisturizers(Build build) {
        build.amCleanser = best(build, Category.CLEANSER, morning(build)).orElse(null);
        build.pmCleanser = best(build, Category.CLEANSER, evening(build)).orElse(null);
        build.amMoisturizer = best(build, Category.MOISTURIZER, morning(build)).orElse(null);
        build.pmMoisturizer = best(build, Category.MOISTURIZER, evening(build)).orElse(null);
    }

    /**
     * What a product used every morning must satisfy beside the treatments and the other every-morning products;
     * {@code replacing}: the products it would take the place of (the budget's cheaper choice), not counted.
     */
    static Fit morning(Build build, ProductState... replacing) {
        Predicate<ProductState> fits = Conflicts.fitsEveryDay(
                others(build, TimeOfDay.AM, replacing), build.customer.sensitive(), TimeOfDay.AM);
        return new Fit(p -> Conflicts.usableInTheMorning(p) && fits.test(p), p -> protectedFromTheSun(build, p));
    }

    /** The evening's: no SPF (nothing with SPF at night), and fits beside the evening's treatments and products. */
    static Fit evening(Build build, ProductState... replacing) {
        Predicate<ProductState> fits = Conflicts.fitsEveryDay(
                others(build, TimeOfDay.PM, replacing), build.customer.sensitive(), TimeOfDay.PM);
        return new Fit(p -> Conflicts.usableInTheEvening(p) && fits.test(p), p -> protectedFromTheSun(build, p));
    }

    /** Anything sun-sensitizing only with the morning's SPF step (which may be the product itself). */
    private static boolean protectedFromTheSun(Build build, ProductState product) {
        return build.spf != null
                || !Conflicts.sunSensitizing(product)
                || (product.spf() != null && product.spf() >= build.policy.dailyMinimumSpf());
    }

    static Optional<ProductState> best(Build build, Category category, Fit fit) {
        return best(build, build.eligibility, category, fit);
    }

    static Optional<ProductState> best(Build build, Eligibility eligibility, Category category, Fit fit) {
        return build.catalog.best(
                category,
                build.search(
                        eligibility,
                        fit,
                        p -> Scores.companion(new ProductInputs(p), build.customer.scoring),
                        traits -> bound(build, eligibility, traits)));
    }

    static double bound(Build build, Eligibility eligibility, Traits traits) {
        return traits.hasArea(eligibility.area())
                ? Scores.companion(traits, build.customer.scoring)
                : Double.NEGATIVE_INFINITY;
    }

    private static List<ProductState> others(Build build, TimeOfDay time, ProductState... replacing) {
        List<ProductState> others = new ArrayList<>(build.treatments());
        List<ProductState> replaced = Arrays.asList(replacing);
        for (ProductState product : build.everyDay(time)) {
            if (!replaced.contains(product)) {
                others.add(product);
            }
        }
        return others;
    }
}
