package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sweep's one row ({@code routine_sweep}). Its changes are native: they read and write the row in one statement
 * with jsonb operators and the database's clock ({@code clock_timestamp()}), so that every replica shares one time.
 */
@ApplicationScoped
public class RoutineSweepStateRepository implements PanacheRepositoryBase<RoutineSweepState, Short> {

    private static final TypeReference<Map<String, Long>> PRODUCTS = new TypeReference<>() {};

    /** A lap's cursor and the products (sku to version) a replica must hold before it sweeps. */
    record Due(String position, Map<String, Long> products) {}

    private final ObjectMapper json = new ObjectMapper();

    /** Adds the products (sku to version) to the requested ones; starts a lap if none is running. */
    void request(Map<String, Long> products) {
        String requested;
        try {
            requested = json.writeValueAsString(products);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        getEntityManager().createNativeQuery("""
                        update routine_sweep set products = products || cast(?1 as jsonb), requested_at = t.now,
                            position = coalesce(position, ''),
                            lap_started_at = case when position is null then t.now else lap_started_at end,
                            next_batch_at = case when position is null then t.now else next_batch_at end
                        from (select clock_timestamp() as now) t where id = 1""").setParameter(1, requested).executeUpdate();
    }

    /** Removes the products from the requested ones. */
    void forget(List<String> skus) {
        getEntityManager()
                .createNativeQuery("update routine_sweep set products = products - cast(?1 as text[]) where id = 1")
                .setParameter(1, skus.toArray(String[]::new))
                .executeUpdate();
    }

    boolean everRequested() {
        return count("id = ?1 and requestedAt is not null", RoutineSweepState.ID) > 0;
    }

    /**
     * The running lap, its row locked, if its next batch is due; empty when idle, not yet due or locked by another
     * replica. Native: JPQL has no {@code skip locked}.
     */
    Optional<Due> lockIfDue() {
        List<?> rows = getEntityManager().createNativeQuery("""
                        select position, products::text from routine_sweep
                        where id = 1 and position is not null and (next_batch_at is null or next_batch_at <= clock_timestamp())
                        for update skip locked""").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        try {
            return Optional.of(new Due((String) row[0], json.readValue((String) row[1], PRODUCTS)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sweep's products cannot be read", e);
        }
    }

    /** Moves the cursor past {@code position}; the next batch may start {@code intervalMillis} from now. */
    void advance(String position, long intervalMillis) {
        getEntityManager()
                .createNativeQuery("""
                        update routine_sweep set position = ?1, next_batch_at = clock_timestamp() + ?2 * interval '1 millisecond'
                        where id = 1""")
                .setParameter(1, position)
                .setParameter(2, intervalMillis)
                .executeUpdate();
    }

    /**
     * Ends the lap: another starts at once if a request came during this one, else the sweep is idle. The next batch
     * may start {@code intervalMillis} from now.
     */
    void finishLap(long intervalMillis) {
        getEntityManager()
                .createNativeQuery("""
                        update routine_sweep set
                            position = case when requested_at > lap_started_at then '' end,
                            products = case when requested_at > lap_started_at then products else '{}'::jsonb end,
                            lap_started_at = case when requested_at > lap_started_at then clock_timestamp() else lap_started_at end,
                            next_batch_at = clock_timestamp() + ?1 * interval '1 millisecond'
                        where id = 1""")
                .setParameter(1, intervalMillis)
                .executeUpdate();
    }

    /** The consenting customers the running lap has still to evaluate; 0 when idle. */
    long countBacklog() {
        List<?> rows = getEntityManager().createNativeQuery("""
                        select count(*) from routine_sweep s join customer_profile p
                          on s.position is not null and (p.answers ->> 'marketingConsent') = 'true' and p.customer_id > s.position
                        where s.id = 1""").getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }
}
