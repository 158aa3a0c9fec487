package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sweep after a product was added to the catalogue or came back on sale: every consenting customer is built
 * again, in customer id order, and re-issued where the routine changed ({@code NEW_PRODUCT}).
 *
 * <p>One row ({@code routine_sweep}) holds the cursor, shared by the replicas: a batch locks it (skip locked: one
 * replica sweeps at a time), evaluates the next customers, moves the cursor and sets when the next batch may start,
 * so that all replicas together stay within {@code recommendation.drift.sweep-rate} customers a second, and a
 * restart resumes where the cursor is. A request during a lap asks for another lap after it (the customers already
 * passed did not see the product); requests before the lap's start are covered by it. A replica sweeps only once
 * its catalogue holds every requested product at the requested version or newer.
 */
final class RoutineSweep {

    private final RoutineDrift drift;
    private final RoutineSweepStateRepository state;
    private final CustomerProfileRepository profiles;
    private final boolean enabled;
    /** Customers per batch, and the least time from one batch to the next: batch / rate. */
    private final int batch;

    private final Duration interval;
    private final Counter evaluated;
    private final AtomicLong backlog = new AtomicLong();

    RoutineSweep(
            RoutineDrift drift,
            RoutineSweepStateRepository state,
            CustomerProfileRepository profiles,
            RoutineDrift.Settings settings,
            MeterRegistry metrics) {
        this.drift = drift;
        this.state = state;
        this.profiles = profiles;
        this.enabled = settings.sweepRate() > 0;
        // a second's worth per batch (at least one customer, at most a drift batch)
        this.batch = enabled ? (int) Math.max(1, Math.min(settings.batchSize(), Math.ceil(settings.sweepRate()))) : 0;
        this.interval = enabled ? Duration.ofNanos((long) (batch / settings.sweepRate() * 1e9)) : Duration.ZERO;
        this.evaluated = Counter.builder("recommendation.drift.reevaluated")
                .tag("trigger", "sweep")
                .description("Customers whose routine was built again after a catalogue change")
                .register(metrics);
        Gauge.builder("recommendation.sweep.backlog", backlog, AtomicLong::get)
                .description("Consenting customers the current sweep lap has still to evaluate; 0 when idle")
                .register(metrics);
    }

    /** Asks for a sweep that sees these products (sku to version); starts a lap if none is running. */
    void request(Map<String, Long> products) {
        if (!products.isEmpty()) {
            state.request(products);
        }
    }

    /** Products deleted from the catalogue: no replica will hold them, so no sweep may wait for them. */
    void forget(List<String> deleted) {
        if (!deleted.isEmpty()) {
            state.forget(deleted);
        }
    }

    boolean everRequested() {
        return state.everRequested();
    }

    /** One batch, if a lap is running, its time has come and no other replica is at it. Returns the customers evaluated. */
    int step() {
        if (!enabled) {
            return 0;
        }
        List<RecommendationIssuer.Reevaluation> outcomes = QuarkusTransaction.requiringNew()
                .call(() -> {
                    Optional<RoutineSweepStateRepository.Due> due = state.lockIfDue();
                    if (due.isEmpty()) {
                        return List.<RecommendationIssuer.Reevaluation>of();
                    }
                    if (!covers(due.get().products())) {
                        return List
                                .<RecommendationIssuer.Reevaluation>
                                        of(); // behind the request: another replica, or later
                    }
                    List<SkinProfile> profilesDue =
                            profiles.lockNextConsenting(due.get().position(), batch);
                    List<RecommendationIssuer.Reevaluation> done = drift.issuer()
                            .reevaluate(profilesDue, drift.routines(), drift.catalogue(), Cause.NEW_PRODUCT);
                    if (profilesDue.size() < batch) {
                        state.finishLap(interval.toMillis());
                    } else {
                        state.advance(profilesDue.get(profilesDue.size() - 1).customerId(), interval.toMillis());
                    }
                    return done;
                });
        drift.count(outcomes, evaluated);
        return outcomes.size();
    }

    void refreshBacklog() {
        backlog.set(state.countBacklog());
    }

    private boolean covers(Map<String, Long> products) {
        for (Map.Entry<String, Long> product : products.entrySet()) {
            if (drift.catalogue()
                    .find(product.getKey())
                    .map(p -> p.version() < product.getValue())
                    .orElse(true)) {
                return false;
            }
        }
        return true;
    }
}
