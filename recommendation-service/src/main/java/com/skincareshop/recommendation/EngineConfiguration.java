package com.skincareshop.recommendation;

import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutinePolicy;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The routine policy from {@link RecommendationConfig#policy()}, the engine built on it, and its catalogue. */
public class EngineConfiguration {

    @Produces
    @Singleton
    RoutinePolicy policy(RecommendationConfig settings) {
        RecommendationConfig.Policy config = settings.policy();
        return new RoutinePolicy(
                config.dailyMinimumSpf(),
                config.highExposureHours(),
                config.highExposureSpf(),
                config.marketSpfCap().orElse(null),
                config.currency(),
                config.maxSerums(),
                config.sensitiveMaxRetinol(),
                config.sensitiveMaxAha(),
                config.pregnancyMaxBha());
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
