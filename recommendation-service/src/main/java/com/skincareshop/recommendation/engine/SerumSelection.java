package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.recommendation.engine.index.Search;
import com.skincareshop.recommendation.engine.index.Traits;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import com.skincareshop.recommendation.engine.rules.ScoreInputs;
import com.skincareshop.recommendation.engine.rules.Scores;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Serums: scored by how well their actives treat the customer's concerns in order of importance, then chosen greedily
 * to cover the concerns: the best-scored serum first, then each time the compatible serum that treats the most of
 * what is still uncovered, ties going to the better-scored one, then the smaller sku. At most
 * {@link RoutinePolicy#maxSerums()}.
 */
final class SerumSelection {

    private SerumSelection() {}

    static void choose(Build build) {
        Optional<ProductState> best = build.catalog.best(Category.SERUM, firstSearch(build));
        boolean[] covered = new boolean[build.customer.concerns.size()];
        while (best.isPresent()) {
            ProductState serum = best.get();
            build.serums.add(new Build.Serum(serum, covered(build, serum)));
            markCovered(build, serum, covered);
            if (build.serums.size() == build.policy.maxSerums()) {
                break;
            }
            best = build.catalog.best(Category.SERUM, nextSearch(build, covered.clone()));
        }
    }

    /** The best serum among those a budget leaves room for. */
    static Optional<ProductState> bestCosting(Build build, BigDecimal room, Predicate<ProductState> fits) {
        Search search = build.search(
                build.eligibility,
                candidate(build).and(p -> p.price().amount().compareTo(room) <= 0 && fits.test(p)),
                p -> score(build, p),
                traits -> bound(build, traits));
        return build.catalog.best(Category.SERUM, search);
    }

    private static Search firstSearch(Build build) {
        return build.search(build.eligibility, candidate(build), p -> score(build, p), traits -> bound(build, traits));
    }

    /** Gain first, then score: {@link Scores#GAIN_RANK} keeps any difference in gain above any difference in score. */
    private static Search nextSearch(Build build, boolean[] covered) {
        Fit first = candidate(build);
        List<ProductState> chosen = build.serumProducts();
        Fit next = new Fit(
                first.group().and(Conflicts.compatibleSerum(chosen)),
                first.product().and(p -> !chosen(build, p) && gain(build, p, covered) > 0));
        return build.search(
                build.eligibility, next, p -> gain(build, p, covered) * Scores.GAIN_RANK + score(build, p), traits -> {
                    double gain = Scores.concernTerm(traits, build.customer.scoring, covered);
                    return gain > 0 && traits.hasArea(build.eligibility.area())
                            ? gain * Scores.GAIN_RANK + Scores.serum(traits, build.customer.scoring)
                            : Double.NEGATIVE_INFINITY;
                });
    }

    /**
     * Treats at least one of the customer's concerns, has a time of day it can go on, clashes with nothing of the
     * morning's sun protection, and is nothing sun-sensitizing when the routine has no SPF step.
     */
    static Fit candidate(Build build) {
        Predicate<ProductState> clashesWithTheSpf = build.spf == null ? p -> false : Conflicts.clashesWith(build.spf);
        Predicate<ProductState> besideTheSpf = build.spf == null
                ? p -> !Conflicts.sunSensitizing(p)
                : p -> !Conflicts.usableInTheMorning(p) || !clashesWithTheSpf.test(p);
        return new Fit(
                p -> (Conflicts.usableInTheMorning(p) || Conflicts.usableInTheEvening(p)) && besideTheSpf.test(p),
                p -> Scores.concernTerm(new ProductInputs(p), build.customer.scoring, null) > 0);
    }

    static double score(Build build, ProductState product) {
        return Scores.serum(new ProductInputs(product), build.customer.scoring);
    }

    /** The same formula on a group's ceiling; nothing to find where no product treats a concern. */
    static double bound(Build build, Traits traits) {
        if (!traits.hasArea(build.eligibility.area())
                || Scores.concernTerm(traits, build.customer.scoring, null) <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Scores.serum(traits, build.customer.scoring);
    }

    private static double gain(Build build, ProductState product, boolean[] covered) {
        return Scores.concernTerm(new ProductInputs(product), build.customer.scoring, covered);
    }

    private static boolean chosen(Build build, ProductState product) {
        for (Build.Serum serum : build.serums) {
            if (serum.product().sku().equals(product.sku())) {
                return true;
            }
        }
        return false;
    }

    static Set<Concern> covered(Build build, ProductState product) {
        Set<Concern> covered = EnumSet.noneOf(Concern.class);
        ScoreInputs inputs = new ProductInputs(product);
        for (Concern concern : build.customer.concerns) {
            if (inputs.effect(concern) > 0) {
                covered.add(concern);
            }
        }
        return covered;
    }

    private static void markCovered(Build build, ProductState product, boolean[] covered) {
        ScoreInputs inputs = new ProductInputs(product);
        for (int i = 0; i < covered.length; i++) {
            covered[i] |= inputs.effect(build.customer.concerns.get(i)) > 0;
        }
    }
}
