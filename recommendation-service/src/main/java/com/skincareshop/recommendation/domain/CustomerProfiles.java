package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.skincareshop.platform.persistence.JdbcValues;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The profile read model: the newest version of each customer's answers, as consumed from
 * {@code profiles.skin.v1}. A change is applied only if its version is newer (one guarded upsert), so duplicates
 * and reordering are harmless; an erasure removes the customer and everything issued to them.
 */
@ApplicationScoped
public class CustomerProfiles {

    /** One consumed event: the new state, or {@code profile == null} for an erasure (tombstone). */
    public record Change(String customerId, SkinProfile profile) {
    }

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final RecommendationIssuer issuer;
    private final Clock clock;

    public CustomerProfiles(EntityManager entityManager, ObjectMapper json, RecommendationIssuer issuer, Clock clock) {
        this.entityManager = entityManager;
        this.json = json;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A batch of changes in one transaction: all take effect, or none (then they are retried). */
    @Transactional
    public void apply(List<Change> changes) {
        for (Change change : changes) {
            if (change.profile() == null) {
                erase(change.customerId());
            } else if (upsertIfNewer(change.profile())) {
                issuer.profileChanged(change.profile());
            }
        }
    }

    @Transactional
    public Optional<SkinProfile> find(String customerId) {
        List<?> rows = entityManager.createNativeQuery("""
                        select customer_id, version, questionnaire_version, locale, cast(answers as text), updated_at
                        from customer_profile where customer_id = ?1""")
                .setParameter(1, customerId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new SkinProfile((String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).intValue(),
                (String) row[3], read((String) row[4]), JdbcValues.instant(row[5])));
    }

    private boolean upsertIfNewer(SkinProfile profile) {
        int changed = entityManager.createNativeQuery("""
                        insert into customer_profile
                            (customer_id, version, questionnaire_version, locale, answers, updated_at, received_at)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7)
                        on conflict (customer_id) do update set
                            version = excluded.version, questionnaire_version = excluded.questionnaire_version,
                            locale = excluded.locale, answers = excluded.answers,
                            updated_at = excluded.updated_at, received_at = excluded.received_at
                        where customer_profile.version < excluded.version""")
                .setParameter(1, profile.customerId())
                .setParameter(2, profile.version())
                .setParameter(3, profile.questionnaireVersion())
                .setParameter(4, profile.locale())
                .setParameter(5, write(profile.answers()))
                .setParameter(6, profile.updatedAt() == null ? null : Timestamp.from(profile.updatedAt()))
                .setParameter(7, Timestamp.from(clock.instant()))
                .executeUpdate();
        return changed > 0;
    }

    private void erase(String customerId) {
        entityManager.createNativeQuery("delete from customer_profile where customer_id = ?1")
                .setParameter(1, customerId)
                .executeUpdate();
        issuer.customerErased(customerId);
    }

    private String write(Answers answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers cannot be serialized", e);
        }
    }

    private Answers read(String answers) {
        try {
            return json.readValue(answers, Answers.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers cannot be read", e);
        }
    }

}
