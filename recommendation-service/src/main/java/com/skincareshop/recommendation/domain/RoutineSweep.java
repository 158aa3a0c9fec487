package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final TypeReference<Map<String, Long>> PRODUCTS = new TypeReference<>() {
    };

    private final RoutineDrift drift;
    private final ObjectMapper json = new ObjectMapper();
    private final boolean enabled;
    /** Customers per batch, and the least time from one batch to the next: batch / rate. */
    private final int batch;
    private final Duration interval;
    private final Counter evaluated;
    private final AtomicLong backlog = new AtomicLong();

    RoutineSweep(RoutineDrift drift, RoutineDrift.Settings settings, MeterRegistry metrics) {
        this.drift = drift;
        this.enabled = settings.sweepRate() > 0;
        // a second's worth per batch (at least one customer, at most a drift batch)
        this.batch = enabled ? (int) Math.max(1, Math.min(settings.batchSize(), Math.ceil(settings.sweepRate()))) : 0;
        this.interval = enabled ? Duration.ofNanos((long) (batch / settings.sweepRate() * 1e9)) : Duration.ZERO;
        this.evaluated = Counter.builder("recommendation.drift.reevaluated").tag("trigger", "sweep")
                .description("Customers whose routine was built again after a catalogue change").register(metrics);
        Gauge.builder("recommendation.sweep.backlog", backlog, AtomicLong::get)
                .description("Consenting customers the current sweep lap has still to evaluate; 0 when idle")
                .register(metrics);
    }

    /** Asks for a sweep that sees these products (sku to version); starts a lap if none is running. */
    void request(Connection connection, Map<String, Long> products) throws SQLException {
        if (products.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update routine_sweep set products = products || ?::jsonb, requested_at = t.now,
                    position = coalesce(position, ''),
                    lap_started_at = case when position is null then t.now else lap_started_at end,
                    next_batch_at = case when position is null then t.now else next_batch_at end
                from (select clock_timestamp() as now) t where id = 1""")) {
            update.setString(1, json.writeValueAsString(products));
            update.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Products deleted from the catalogue: no replica will hold them, so no sweep may wait for them. */
    void forget(Connection connection, List<String> deleted) throws SQLException {
        if (deleted.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update routine_sweep set products = products - ?::text[] where id = 1")) {
            update.setArray(1, connection.createArrayOf("text", deleted.toArray()));
            update.executeUpdate();
        }
    }

    boolean everRequested(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select requested_at is not null from routine_sweep where id = 1");
             ResultSet row = select.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    /** One batch, if a lap is running, its time has come and no other replica is at it. Returns the customers evaluated. */
    int step() {
        if (!enabled) {
            return 0;
        }
        List<RecommendationIssuer.Reevaluation> outcomes = QuarkusTransaction.requiringNew().call(() -> drift.work(connection -> {
            String position;
            Map<String, Long> products;
            try (PreparedStatement select = connection.prepareStatement("""
                    select position, products::text from routine_sweep
                    where id = 1 and position is not null and (next_batch_at is null or next_batch_at <= clock_timestamp())
                    for update skip locked""");
                 ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return List.<RecommendationIssuer.Reevaluation>of();
                }
                position = row.getString(1);
                products = read(row.getString(2));
            }
            if (!covers(products)) {
                return List.<RecommendationIssuer.Reevaluation>of(); // behind the request: another replica, or later
            }
            List<SkinProfile> profiles;
            try (PreparedStatement select = connection.prepareStatement("""
                    select customer_id, version, questionnaire_version, locale, answers::text, updated_at
                    from customer_profile
                    where (answers ->> 'marketingConsent') = 'true' and customer_id > ?
                    order by customer_id limit ?
                    for update skip locked""")) {
                select.setString(1, position);
                select.setInt(2, batch);
                profiles = drift.profiles(select);
            }
            List<RecommendationIssuer.Reevaluation> done = drift.issuer().reevaluate(profiles, drift.routines(),
                    drift.catalogue(), Cause.NEW_PRODUCT);
            boolean lapDone = profiles.size() < batch;
            try (PreparedStatement update = connection.prepareStatement(lapDone ? """
                    update routine_sweep set
                        position = case when requested_at > lap_started_at then '' end,
                        products = case when requested_at > lap_started_at then products else '{}'::jsonb end,
                        lap_started_at = case when requested_at > lap_started_at then clock_timestamp() else lap_started_at end,
                        next_batch_at = clock_timestamp() + ? * interval '1 millisecond'
                    where id = 1""" : """
                    update routine_sweep set position = ?, next_batch_at = clock_timestamp() + ? * interval '1 millisecond'
                    where id = 1""")) {
                int parameter = 1;
                if (!lapDone) {
                    update.setString(parameter++, profiles.get(profiles.size() - 1).customerId());
                }
                update.setLong(parameter, interval.toMillis());
                update.executeUpdate();
            }
            return done;
        }));
        drift.count(outcomes, evaluated);
        return outcomes.size();
    }

    void refreshBacklog(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select count(*) from routine_sweep s join customer_profile p
                  on s.position is not null and (p.answers ->> 'marketingConsent') = 'true' and p.customer_id > s.position
                where s.id = 1""");
             ResultSet row = select.executeQuery()) {
            backlog.set(row.next() ? row.getLong(1) : 0);
        }
    }

    private boolean covers(Map<String, Long> products) {
        for (Map.Entry<String, Long> product : products.entrySet()) {
            if (drift.catalogue().find(product.getKey()).map(p -> p.version() < product.getValue()).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Long> read(String products) {
        try {
            return json.readValue(products, PRODUCTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sweep's products cannot be read", e);
        }
    }
}
