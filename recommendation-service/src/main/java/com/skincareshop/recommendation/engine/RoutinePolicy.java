package com.skincareshop.recommendation.engine;

import java.math.BigDecimal;

/**
 * The thresholds of the routine in one place, configurable per deployment.
 *
 * @param dailyMinimumSpf     SPF for daily wear (brightening seed: 20; the AAD's default would be 30): below it a
 *                            product is no sun protection step at all
 * @param highExposureHours   from this many hours in the sun a day ("half a day or more")...
 * @param highExposureSpf     ...this SPF is the target (brightening seed: 60)
 * @param marketSpfCap        the highest SPF a label may state in the market the shop sells in (EU: "50+", so 50);
 *                            null where labels are not capped. A property of the market, not of the language.
 * @param currency            the currency of the shop's prices; the budget is compared in it
 * @param maxSerums           serums per routine
 * @param sensitiveMaxRetinol strongest retinoid (retinol and its esters) for sensitive skin, %
 * @param sensitiveMaxAha     strongest AHA for sensitive skin, %
 * @param pregnancyMaxBha     strongest salicylate during pregnancy, %
 */
public record RoutinePolicy(
        int dailyMinimumSpf,
        BigDecimal highExposureHours,
        int highExposureSpf,
        Integer marketSpfCap,
        String currency,
        int maxSerums,
        BigDecimal sensitiveMaxRetinol,
        BigDecimal sensitiveMaxAha,
        BigDecimal pregnancyMaxBha) {

    /** This shop: the EU market, prices in EUR. */
    public static RoutinePolicy defaults() {
        return new RoutinePolicy(
                20,
                new BigDecimal("4"),
                60,
                50,
                "EUR",
                3,
                new BigDecimal("0.3"),
                new BigDecimal("5"),
                new BigDecimal("2"));
    }

    /** SPF the customer needs, before any market cap. */
    public int requiredSpf(BigDecimal sunExposureHours) {
        return sunExposureHours != null && sunExposureHours.compareTo(highExposureHours) >= 0
                ? highExposureSpf
                : dailyMinimumSpf;
    }

    /** The SPF a product must state in this market to meet the requirement. */
    public int acceptableSpf(int required) {
        return marketSpfCap == null ? required : Math.min(required, marketSpfCap);
    }
}
