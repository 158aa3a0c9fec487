package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds routines from the live catalogue table, timed for the recommendation latency metric. */
@ApplicationScoped
public class RoutineService {

    private final RoutineEngine engine;
    private final CatalogTable catalog;
    private final Timer latency;

    public RoutineService(RoutineEngine engine, CatalogTable catalog, MeterRegistry metrics) {
        this.engine = engine;
        this.catalog = catalog;
        this.latency = Timer.builder("recommendation.latency")
                .description("Time to build one routine")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    public Routine build(String customerId, Long profileVersion, Answers answers, String locale) {
        return build(customerId, profileVersion, answers, locale, RoutineEngine.Detail.ESSENTIAL);
    }

    public Routine build(
            String customerId, Long profileVersion, Answers answers, String locale, RoutineEngine.Detail detail) {
        return latency.record(() -> engine.build(customerId, profileVersion, answers, locale, catalog, detail));
    }
}
