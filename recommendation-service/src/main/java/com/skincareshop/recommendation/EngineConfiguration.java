package com.skincareshop.recommendation;

import com.skincareshop.recommendation.domain.RoutineEngine;
import com.skincareshop.recommendation.domain.RoutinePolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.Map;

/** The routine policy from configuration ({@code recommendation.policy.*}), and the engine built on it. */
public class EngineConfiguration {

    @ConfigMapping(prefix = "recommendation.policy")
    public interface PolicyConfig {
        @WithDefault("20")
        int dailyMinimumSpf();

        @WithDefault("4")
        BigDecimal highExposureHours();

        @WithDefault("60")
        int highExposureSpf();

        /** Highest SPF a label may state, per locale: the EU's top band is "50+". */
        Map<String, Integer> marketSpfCap();

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
                Map.copyOf(config.marketSpfCap()), config.currency(), config.maxSerums(), config.sensitiveMaxRetinol(),
                config.sensitiveMaxAha(), config.pregnancyMaxBha());
    }

    @Produces
    @Singleton
    RoutineEngine engine(RoutinePolicy policy) {
        return new RoutineEngine(policy);
    }
}
