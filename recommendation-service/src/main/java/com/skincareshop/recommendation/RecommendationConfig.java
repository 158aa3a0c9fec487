package com.skincareshop.recommendation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of recommendation-service ({@code recommendation.*}; environment variables such as
 * {@code RECOMMENDATION_DRIFT_SWEEP_RATE} override them), in one place, checked at start-up: a misspelt key under
 * the prefix or a value of the wrong type stops the service instead of being ignored.
 */
@ConfigMapping(prefix = "recommendation")
public interface RecommendationConfig {

    /** The routine rules' numbers: docs/domain.md, "Policy settings". */
    Policy policy();

    Catalog catalog();

    Profiles profiles();

    Drift drift();

    Erasure erasure();

    interface Policy {
        @WithDefault("20")
        int dailyMinimumSpf();

        @WithDefault("4")
        BigDecimal highExposureHours();

        @WithDefault("60")
        int highExposureSpf();

        /**
         * Highest SPF a label may state in the market the shop sells in (the EU's top band is "50+"); absent where
         * labels are not capped. A property of the market, not of the customer's language.
         */
        Optional<Integer> marketSpfCap();

        @WithDefault("EUR")
        String currency();

        @WithDefault("3")
        int maxSerums();

        @WithDefault("0.3")
        BigDecimal sensitiveMaxRetinol();

        @WithDefault("5")
        BigDecimal sensitiveMaxAha();

        @WithDefault("2")
        BigDecimal pregnancyMaxBha();
    }

    /** The catalogue table's reading of {@code catalog.products.v1}. */
    interface Catalog {
        /** How often the loader looks for partitions added to the topic. */
        @WithDefault("30s")
        Duration partitionCheck();
    }

    /** The consumer of {@code profiles.skin.v1}. */
    interface Profiles {
        @WithDefault("5000")
        int maxPollRecords();

        /** Consumer threads of this replica (partitions are shared among all replicas' threads). */
        @WithDefault("1")
        int consumers();

        @WithDefault("10s")
        Duration sessionTimeout();
    }

    /** Re-issuing routines after catalogue changes. */
    interface Drift {
        @WithDefault("200")
        int batchSize();

        @WithDefault("1s")
        Duration poll();

        @WithDefault("1h")
        Duration reconcileEvery();

        /** Customers re-evaluated per second by the sweep, over all replicas. */
        @WithDefault("50")
        double sweepRate();
    }

    interface Erasure {
        /** How long an erasure marker outlives the erasure, against late events of the erased customer. */
        @WithDefault("P14D")
        Duration markerRetention();
    }
}
