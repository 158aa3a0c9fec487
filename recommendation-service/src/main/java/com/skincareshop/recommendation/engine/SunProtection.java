package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.recommendation.engine.index.CatalogView;
import com.skincareshop.recommendation.engine.index.Traits;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import com.skincareshop.recommendation.engine.rules.Scores;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The morning's SPF step (brightening seed): every routine has one. A lower SPF is far better than none, so when no
 * product meets the target the highest SPF in stock that meets the daily minimum is given, with a warning naming both;
 * only when nothing meets the daily minimum is the step left empty. Among the candidates: higher protection first,
 * then fragrance-free, then a dedicated sunscreen (applied more generously than a moisturizer), then the areas; the
 * sku breaks ties only after that. A moisturizer with SPF may be the step, and is then the morning's moisturizer too.
 */
final class SunProtection {

    /** The categories whose products may be the SPF step. */
    static final List<Category> SPF_CATEGORIES = List.of(Category.SUNSCREEN, Category.MOISTURIZER);

    private SunProtection() {}

    static void choose(Build build) {
        build.spf = best(build, build.eligibility, build.customer.wantedAreas).orElse(null);
        if (build.spf == null) {
            build.unfilled(Category.SUNSCREEN, false);
        } else if (build.spf.spf() < build.customer.targetSpf) {
            build.warn(
                    WarningCode.SPF_BELOW_TARGET,
                    Build.params("targetSpf", build.customer.targetSpf, "givenSpf", build.spf.spf()));
        }
    }

    /** The best sun protection for the area of {@code eligibility}. */
    static Optional<ProductState> best(Build build, Eligibility eligibility, int wantedAreas) {
        Fit candidate = candidate(build, eligibility);
        Comparator<ProductState> better = Comparator.comparingDouble(
                        (ProductState p) -> Scores.sunProtection(new ProductInputs(p), wantedAreas))
                .thenComparing(ProductState::sku, Comparator.reverseOrder());
        return SPF_CATEGORIES.stream()
                .flatMap(category -> build
                        .catalog
                        .best(
                                category,
                                build.search(
                                        eligibility,
                                        candidate,
                                        p -> Scores.sunProtection(new ProductInputs(p), wantedAreas),
                                        traits -> bound(build, eligibility, traits, wantedAreas)))
                        .stream())
                .max(better);
    }

    /** The cheapest sun protection that protects at least {@code spf} (the budget's choice). */
    static Optional<ProductState> cheapest(Build build, Eligibility eligibility, int spf) {
        Fit candidate = candidate(build, eligibility);
        return SPF_CATEGORIES.stream()
                .flatMap(category -> build
                        .catalog
                        .cheapest(
                                category,
                                build.customer.answers.skinType(),
                                traits -> mayProtect(build, eligibility, traits) && traits.spf() >= spf,
                                Build.groupAllows(eligibility, candidate),
                                p -> eligibility.allows(p) && candidate.test(p) && p.spf() >= spf)
                        .stream())
                .min(CatalogView.BY_PRICE);
    }

    /**
     * A product with at least the daily minimum SPF that may go on every morning with the rest of the routine (the hard
     * filters of the area are the search's).
     */
    static Fit candidate(Build build, Eligibility eligibility) {
        // it takes the place of the SPF step it would be (the budget's cheaper one replaces the one chosen); on the
        // face, a moisturizer with SPF takes the morning moisturizer's place too, a sunscreen goes on over it
        boolean face = eligibility == build.eligibility;
        ProductState replaced = face ? build.spf : build.handSpf;
        Fit overMoisturizer = Companions.morning(build, replaced);
        Fit asMoisturizer = face ? Companions.morning(build, replaced, build.amMoisturizer) : overMoisturizer;
        return new Fit(
                p -> p.spf() != null
                        && (p.category() == Category.MOISTURIZER ? asMoisturizer : overMoisturizer)
                                .group()
                                .test(p),
                p -> p.spf() >= build.policy.dailyMinimumSpf()
                        && (p.category() == Category.MOISTURIZER ? asMoisturizer : overMoisturizer)
                                .product()
                                .test(p));
    }

    private static boolean mayProtect(Build build, Eligibility eligibility, Traits traits) {
        return traits.hasArea(eligibility.area())
                && traits.spf() != null
                && traits.spf() >= build.policy.dailyMinimumSpf();
    }

    static double bound(Build build, Eligibility eligibility, Traits traits, int wantedAreas) {
        return mayProtect(build, eligibility, traits)
                ? Scores.sunProtection(traits, wantedAreas)
                : Double.NEGATIVE_INFINITY;
    }
}
