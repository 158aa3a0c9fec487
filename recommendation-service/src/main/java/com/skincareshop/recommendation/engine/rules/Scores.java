package com.skincareshop.recommendation.engine.rules;

import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import java.math.BigDecimal;
import java.util.List;

/**
 * The scores of the routine's steps, as weights in one table and one formula each. Each formula is evaluated over
 * {@link ScoreInputs}: on one product it is the score, on an index group's ceiling it is the bound of every product
 * in the group (see {@link ScoreInputs}). Every term only grows with what it rewards, which keeps the bound safe.
 *
 * <p>Concern order dominates: the k-th of n concerns weighs 2^(n-k), so the first concern fully treated outweighs
 * every later one together, and {@link #CONCERN_POINTS} keeps the concern term above all the finer points.
 */
public final class Scores {

    /** Per unit of effect on a concern, times the concern's weight. */
    public static final double CONCERN_POINTS = 8;
    /** Per treatment entry at the strength the sources call most effective (vitamin C 10-20%...). */
    public static final double STRENGTH_POINTS = 1;
    /** The approach's actives (preventive: antioxidants and hydration; corrective: peptides, retinoid, growth factors). */
    public static final double APPROACH_POINTS = 1;
    /** Preventive care prefers lower strengths: a penalty, never part of a bound. */
    public static final double PREVENTIVE_STRENGTH_PENALTY = 1;
    /** Covers every area the customer asked for. */
    public static final double ALL_AREAS_POINTS = 0.5;

    /** Sun protection: higher protection first, then fragrance-free, then a dedicated sunscreen, then areas. */
    public static final double SPF_POINTS = 10;
    /** SPF above this adds nothing: no label states more, and it keeps the SPF term within its place. */
    public static final int SPF_COUNTED_UP_TO = 100;

    public static final double FRAGRANCE_FREE_SPF_POINTS = 4;
    public static final double DEDICATED_SUNSCREEN_POINTS = 2;
    public static final double ALL_AREAS_SPF_POINTS = 1;

    /**
     * Ranks the second and later serums by new coverage, then score, as one number: gains (concern terms) differ by
     * at least 0.5 x {@link #CONCERN_POINTS} and scores span less than 2^14 for ten concerns, and every value is a small binary fraction, so the sum is exact.
     */
    public static final double GAIN_RANK = 1 << 16;

    private static final Active[] ACTIVES = Active.values();

    private Scores() {}

    /** Concern weights in the customer's order: 2^(n-1), ..., 2, 1. */
    public static double[] concernWeights(List<Concern> concerns) {
        int n = concerns.size();
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = Math.scalb(1.0, n - 1 - i);
        }
        return weights;
    }

    /**
     * What the serum formula needs of a customer.
     *
     * @param treatsAConcern per {@link Active} ordinal: the class treats one of the customer's concerns at some strength
     * @param approachActives the actives the customer's approach rewards and that treat one of their (approach) concerns
     */
    public record Customer(
            Concern[] concerns,
            double[] weights,
            boolean[] treatsAConcern,
            boolean preventive,
            boolean[] approachActives,
            BigDecimal preventiveMaxRetinoid,
            int wantedAreas) {}

    public static double serum(ScoreInputs product, Customer customer) {
        double score = concernTerm(product, customer, null);
        for (Active active : ACTIVES) {
            if (customer.treatsAConcern()[active.ordinal()]) {
                score += product.atEffectiveStrength(active) * STRENGTH_POINTS;
            }
        }
        for (Active active : ACTIVES) {
            if (customer.approachActives()[active.ordinal()] && product.treatsWith(active)) {
                score += APPROACH_POINTS;
                break;
            }
        }
        if (customer.preventive() && product.strongerThan(Active.RETINOID, customer.preventiveMaxRetinoid())) {
            score -= PREVENTIVE_STRENGTH_PENALTY;
        }
        return coversAreas(product, customer.wantedAreas()) ? score + ALL_AREAS_POINTS : score;
    }

    /** The weighted effect on the concerns not yet covered ({@code covered}: bit per concern ordinal; null: none). */
    public static double concernTerm(ScoreInputs product, Customer customer, boolean[] covered) {
        double term = 0;
        Concern[] concerns = customer.concerns();
        for (int i = 0; i < concerns.length; i++) {
            if (covered == null || !covered[i]) {
                term += customer.weights()[i] * product.effect(concerns[i]);
            }
        }
        return term * CONCERN_POINTS;
    }

    /** Cleansers, exfoliants, moisturizers: for the same goal as the serum (brightening seed). */
    public static double companion(ScoreInputs product, Customer customer) {
        double score = 0;
        Concern[] concerns = customer.concerns();
        for (int i = 0; i < concerns.length; i++) {
            score += customer.weights()[i] * product.reach(concerns[i]);
        }
        score *= CONCERN_POINTS;
        return coversAreas(product, customer.wantedAreas()) ? score + ALL_AREAS_POINTS : score;
    }

    public static double sunProtection(ScoreInputs product, int wantedAreas) {
        Integer spf = product.spf();
        double score = spf == null ? 0 : Math.min(spf, SPF_COUNTED_UP_TO) * SPF_POINTS;
        if (product.fragranceFree()) {
            score += FRAGRANCE_FREE_SPF_POINTS;
        }
        if (product.category() == Category.SUNSCREEN) {
            score += DEDICATED_SUNSCREEN_POINTS;
        }
        return coversAreas(product, wantedAreas) ? score + ALL_AREAS_SPF_POINTS : score;
    }

    private static boolean coversAreas(ScoreInputs product, int wanted) {
        return (product.areas() & wanted) == wanted;
    }
}
