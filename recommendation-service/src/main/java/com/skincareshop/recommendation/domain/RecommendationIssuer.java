package com.skincareshop.recommendation.domain;

import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.recommendation.events.RecommendationEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the marketing pipeline learns: when a consenting customer's profile changes, the routine built for it is
 * stored (with its inputs' versions) and published; without consent nothing is. Withdrawn consent and erasure
 * delete what was issued and publish a tombstone.
 */
@ApplicationScoped
public class RecommendationIssuer {

    private final Routines routines;
    private final EntityManager entityManager;
    private final RecommendationEvents events;
    private final Clock clock;

    public RecommendationIssuer(Routines routines, EntityManager entityManager, RecommendationEvents events, Clock clock) {
        this.routines = routines;
        this.entityManager = entityManager;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Profiles that became newer in this transaction, one customer each. Customers without consent lose what was
     * issued to them in one statement for all, not one each: most customers never consent, and a statement per
     * profile change was most of the read model's cost (docs/PERFORMANCE.md, ingestion).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void profilesChanged(List<SkinProfile> profiles) {
        List<String> withoutConsent = new ArrayList<>();
        for (SkinProfile profile : profiles) {
            if (profile.answers().marketingConsent()) {
                Routine routine = routines.build(profile.customerId(), profile.version(), profile.answers(), profile.locale());
                entityManager.persist(new RecommendationSnapshot(profile.customerId(), profile.version(),
                        productVersions(routine), routine, clock.instant()));
                events.issued(routine, clock.instant());
            } else {
                withoutConsent.add(profile.customerId());
            }
        }
        deleteSnapshots(withoutConsent).forEach(events::withdrawn); // consent withdrawn: a tombstone each
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void customerErased(String customerId) {
        deleteSnapshots(List.of(customerId));
        events.withdrawn(customerId); // even if nothing was issued here: erasure must reach every copy
    }

    @Transactional
    public List<RecommendationSnapshot> snapshots(String customerId) {
        return entityManager.createQuery("from RecommendationSnapshot s where s.customerId = :customerId "
                        + "order by s.profileVersion", RecommendationSnapshot.class)
                .setParameter("customerId", customerId)
                .getResultList();
    }

    /** Deletes the customers' snapshots; returns the customers that had any, in the order given. */
    private List<String> deleteSnapshots(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        // snapshots persisted earlier in this transaction (a consenting version, then an erasure) must go too
        entityManager.flush();
        Set<String> had = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
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
        return customerIds.stream().filter(had::contains).toList();
    }

    private static Map<String, Long> productVersions(Routine routine) {
        Map<String, Long> versions = new TreeMap<>();
        Stream.concat(routine.am().stream(), routine.pm().stream())
                .forEach(step -> versions.put(step.product().sku(), step.product().version()));
        return versions;
    }
}
