package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** The routines issued to consenting customers ({@code recommendation_snapshot}). */
@ApplicationScoped
public class RecommendationSnapshotRepository implements PanacheRepositoryBase<RecommendationSnapshot, UUID> {

    private final ObjectMapper json;

    public RecommendationSnapshotRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Every snapshot issued to the customer, in the order they were issued. */
    public List<RecommendationSnapshot> listIssuedTo(String customerId) {
        return list(
                "customerId",
                Sort.by("profileVersion")
                        .and("revision", Sort.NullPrecedence.NULLS_FIRST)
                        .and("issuedAt"),
                customerId);
    }

    /**
     * The routine of the customer's latest snapshot as stored, JSON as it was written then. Native: a snapshot from
     * before today's routine may not read as one.
     */
    public Optional<JsonNode> findLatestRoutine(String customerId) {
        List<?> routines = getEntityManager()
                .createNativeQuery("""
                        select routine::text from recommendation_snapshot where customer_id = ?1
                        order by profile_version desc, revision desc nulls last, issued_at desc limit 1""")
                .setParameter(1, customerId)
                .getResultList();
        if (routines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree((String) routines.get(0)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot cannot be read", e);
        }
    }

    /**
     * Deletes the customers' snapshots, those persisted earlier in this transaction too; returns the customers that
     * had any. One JDBC statement with an array for a whole batch of customers: one statement per customer was most
     * of the read model's cost (docs/PERFORMANCE.md, ingestion).
     */
    public Set<String> deleteIssuedTo(Collection<String> customerIds) {
        getEntityManager().flush();
        Set<String> had = new HashSet<>();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from recommendation_snapshot where customer_id = any(?) returning customer_id")) {
                delete.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        had.add(rows.getString(1));
                    }
                }
            }
        });
        return had;
    }
}
