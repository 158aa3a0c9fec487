package com.skincareshop.recommendation.events;

import com.skincareshop.recommendation.engine.index.CatalogTable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the catalogue table has read the topic up to where it ended at start-up. */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {

    private final CatalogTableLoader loader;
    private final CatalogTable table;

    public CatalogReadinessCheck(CatalogTableLoader loader, CatalogTable table) {
        this.loader = loader;
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalogue-table")
                .status(loader.caughtUp())
                .withData("products", table.size())
                .build();
    }
}
