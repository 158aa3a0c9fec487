package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.recommendation.events.RecommendationEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
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

    @Transactional(Transactional.TxType.MANDATORY)
    void profileChanged(SkinProfile profile) {
        if (!profile.answers().marketingConsent()) {
            if (deleteSnapshots(profile.customerId()) > 0) {
                events.withdrawn(profile.customerId());
            }
            return;
        }
        Routine routine = routines.build(profile.customerId(), profile.version(), profile.answers(), profile.locale());
        entityManager.persist(new RecommendationSnapshot(profile.customerId(), profile.version(),
                productVersions(routine), routine, clock.instant()));
        events.issued(routine, clock.instant());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void customerErased(String customerId) {
        deleteSnapshots(customerId);
        events.withdrawn(customerId); // even if nothing was issued here: erasure must reach every copy
    }

    @Transactional
    public List<RecommendationSnapshot> snapshots(String customerId) {
        return entityManager.createQuery("from RecommendationSnapshot s where s.customerId = :customerId "
                        + "order by s.profileVersion", RecommendationSnapshot.class)
                .setParameter("customerId", customerId)
                .getResultList();
    }

    private int deleteSnapshots(String customerId) {
        return entityManager.createQuery("delete from RecommendationSnapshot s where s.customerId = :customerId")
                .setParameter("customerId", customerId)
                .executeUpdate();
    }

    private static Map<String, Long> productVersions(Routine routine) {
        Map<String, Long> versions = new TreeMap<>();
        Stream.concat(routine.am().stream(), routine.pm().stream())
                .forEach(step -> versions.put(step.product().sku(), step.product().version()));
        return versions;
    }
}
