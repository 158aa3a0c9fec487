package com.skincareshop.platform.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN when a background loop (outbox relay, consumers, catalogue loader) died of a throwable, or is
 * stuck: silent for longer than its bound ({@link Heartbeats}). A loop that keeps waiting for the broker or the
 * database is alive, so a dependency's outage never makes this DOWN (a restart would not cure it; readiness and
 * the outbox backlog report it). The data names every watched loop with its state, the DOWN ones first in
 * {@code down}.
 */
@Liveness
@ApplicationScoped
public class BackgroundLoopsCheck implements HealthCheck {

    static final String NAME = "background-loops";

    @Override
    public HealthCheckResponse call() {
        List<Heartbeats.Status> statuses = Heartbeats.shared().statuses();
        List<String> down = statuses.stream()
                .filter(s -> !s.alive())
                .map(Heartbeats.Status::name)
                .toList();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(down.isEmpty());
        if (!down.isEmpty()) {
            response.withData("down", String.join(", ", down));
        }
        statuses.forEach(s -> response.withData(s.name(), s.detail()));
        return response.build();
    }
}
