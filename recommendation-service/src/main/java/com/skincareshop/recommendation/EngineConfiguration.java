package com.skincareshop.recommendation;

import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutinePolicy;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.Optional;

/** The routine policy from configuration ({@code recommendation.policy.*}), the engine built on it, and its catalogue. */
public class EngineConfiguration {

    @ConfigMapping(prefix = "recommendation.policy")
    public interface PolicyConfig {
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

    @Produces
    @Singleton
    RoutinePolicy policy(PolicyConfig config) {
        return new RoutinePolicy(config.dailyMinimumSpf(), config.highExposureHours(), config.highExposureSpf(),
                config.marketSpfCap().orElse(null), config.currency(), config.maxSerums(), config.sensitiveMaxRetinol(),
                config.sensitiveMaxAha(), config.pregnancyMaxBha());
    }

    @Produces
    @Singleton
    RoutineEngine engine(RoutinePolicy policy) {
        return new RoutineEngine(policy);
    }

    /** The replica's catalogue table, which the catalogue loader fills and every routine searches. */
    @Produces
    @Singleton
    CatalogTable catalogTable() {
        return new CatalogTable();
    }
}
