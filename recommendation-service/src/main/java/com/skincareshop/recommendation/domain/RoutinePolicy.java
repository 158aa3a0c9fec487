package com.skincareshop.recommendation.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The thresholds of the routine in one place (DOMAIN.md rules 1, 3, 4, 7, 11), configurable per deployment.
 *
 * @param dailyMinimumSpf     SPF for daily wear (brightening seed: 20; the AAD's default would be 30)
 * @param highExposureHours   from this many hours in the sun a day ("half a day or more")...
 * @param highExposureSpf     ...this SPF is required (brightening seed: 60)
 * @param marketSpfCap        the highest SPF a label may state, per locale's market (EU: "50+")
 * @param currency            the currency of the shop's prices; the budget is compared in it
 * @param maxSerums           serums per routine
 * @param sensitiveMaxRetinol strongest retinoid for sensitive skin, %
 * @param sensitiveMaxAha     strongest AHA for sensitive skin, %
 * @param pregnancyMaxBha     strongest salicylic acid during pregnancy, %
 */
public record RoutinePolicy(int dailyMinimumSpf, BigDecimal highExposureHours, int highExposureSpf,
                            Map<String, Integer> marketSpfCap, String currency, int maxSerums,
                            BigDecimal sensitiveMaxRetinol, BigDecimal sensitiveMaxAha, BigDecimal pregnancyMaxBha) {

    public static RoutinePolicy defaults() {
        return new RoutinePolicy(20, new BigDecimal("4"), 60, Map.of("lv", 50), "EUR", 3,
                new BigDecimal("0.3"), new BigDecimal("5"), new BigDecimal("2"));
    }

    /** SPF the customer needs, before any market cap. */
    public int requiredSpf(BigDecimal sunExposureHours) {
        return sunExposureHours != null && sunExposureHours.compareTo(highExposureHours) >= 0
                ? highExposureSpf : dailyMinimumSpf;
    }

    /** The SPF a product must state in this market to meet the requirement. */
    public int acceptableSpf(int required, String locale) {
        Integer cap = marketSpfCap.get(locale);
        return cap == null ? required : Math.min(required, cap);
    }
}
