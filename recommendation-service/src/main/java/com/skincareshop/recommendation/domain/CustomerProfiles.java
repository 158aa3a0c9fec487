package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.persistence.JdbcValues;
import com.skincareshop.platform.tracing.MessageTracing;
import io.opentelemetry.context.Context;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profile read model: the newest version of each customer's answers, as consumed from
 * {@code profiles.skin.v1}. A change is applied only if its version is newer (one guarded upsert), so duplicates
 * and reordering are harmless; an erasure removes the customer and everything issued to them.
 *
 * <p>An erasure leaves a marker ({@code erased_customer}: the id and the version erased up to, no answers) for
 * {@code recommendation.erasure.marker-retention}: an older value replayed after the tombstone (a consumer group
 * reset, a partition re-read before compaction removed it) cannot bring the customer back, while the profile
 * created again, whose versions go on from the erasure's, is newer and applies. A replayed tombstone older than
 * the profile held changes nothing.
 */
@ApplicationScoped
public class CustomerProfiles {

    /**
     * One consumed event: the new state, or {@code profile == null} for an erasure (tombstone) erasing every
     * version below {@code erasedVersion} ({@link #UNKNOWN_VERSION}: the producer did not say, erase whatever is held).
     * {@code trace} is the consumed record's span, current while what the change issues is written (null: none).
     */
    public record Change(String customerId, SkinProfile profile, long erasedVersion, Context trace) {
        public static final long UNKNOWN_VERSION = Long.MAX_VALUE;

        public static Change of(SkinProfile profile) {
            return new Change(profile.customerId(), profile, 0, null);
        }

        public static Change erasure(String customerId, long erasedVersion) {
            return new Change(customerId, null, erasedVersion, null);
        }

        public Change traced(Context trace) {
            return new Change(customerId, profile, erasedVersion, trace);
        }
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final RecommendationIssuer issuer;
    private final Clock clock;
    private final Duration markerRetention;

    public CustomerProfiles(EntityManager entityManager, AgroalDataSource dataSource, ObjectMapper json,
                            RecommendationIssuer issuer, Clock clock,
                            @ConfigProperty(name = "recommendation.erasure.marker-retention", defaultValue = "P14D")
                            Duration markerRetention) {
        this.markerRetention = markerRetention;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.json = json;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * A batch of changes in one transaction: all take effect, or none (then they are retried). Upserts go to the
     * database as one statement per run of changes between erasures, not one per event: that is what lets the
     * read model keep up with the topic (docs/PERFORMANCE.md, ingestion).
     */
    @Transactional
    public void apply(List<Change> changes) {
        Map<String, SkinProfile> pending = new LinkedHashMap<>();
        Map<String, Context> traces = new HashMap<>();
        for (Change change : changes) {
            if (change.profile() == null) {
                upsertIfNewer(pending.values(), traces); // what came before the erasure, then the erasure, in order
                pending.clear();
                traces.clear();
                MessageTracing.within(change.trace(), () -> erase(change.customerId(), change.erasedVersion()));
            } else {
                // one statement may not touch a row twice: within a run keep each customer's newest version
                SkinProfile held = pending.get(change.customerId());
                if (held == null || change.profile().version() > held.version()) {
                    pending.put(change.customerId(), change.profile());
                    traces.put(change.customerId(), change.trace());
                }
            }
        }
        upsertIfNewer(pending.values(), traces);
    }

    /**
     * One row by key, read on a pooled connection in auto-commit: every routine request makes this read, and a JTA
     * transaction and a Hibernate session around one select cost more than the select (docs/PERFORMANCE.md, HTTP).
     */
    public Optional<SkinProfile> find(String customerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select customer_id, version, questionnaire_version, locale, answers::text, updated_at
                     from customer_profile where customer_id = ?""")) {
            select.setString(1, customerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SkinProfile(row.getString(1), row.getLong(2), row.getInt(3), row.getString(4),
                        read(row.getString(5)), JdbcValues.instant(row.getObject(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the profile read model cannot be read", e);
        }
    }

    /** One guarded upsert for many profiles; a routine is issued for each that was actually newer. */
    private void upsertIfNewer(Collection<SkinProfile> profiles, Map<String, Context> traces) {
        if (profiles.isEmpty()) {
            return;
        }
        List<SkinProfile> batch = List.copyOf(profiles);
        Set<String> changed = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into customer_profile
                        (customer_id, version, questionnaire_version, locale, answers, updated_at, received_at)
                    select u.customer_id, u.version, u.questionnaire_version, u.locale, u.answers::jsonb,
                           u.updated_at, u.received_at
                    from unnest(?::varchar[], ?::bigint[], ?::integer[], ?::varchar[], ?::text[], ?::timestamptz[],
                                ?::timestamptz[])
                         as u(customer_id, version, questionnaire_version, locale, answers, updated_at, received_at)
                    where not exists (select 1 from erased_customer e
                                      where e.customer_id = u.customer_id and e.erased_version >= u.version)
                    on conflict (customer_id) do update set
                        version = excluded.version, questionnaire_version = excluded.questionnaire_version,
                        locale = excluded.locale, answers = excluded.answers,
                        updated_at = excluded.updated_at, received_at = excluded.received_at
                    where customer_profile.version < excluded.version
                    returning customer_id""")) {
                Timestamp received = Timestamp.from(clock.instant());
                upsert.setArray(1, connection.createArrayOf("varchar", batch.stream().map(SkinProfile::customerId).toArray()));
                upsert.setArray(2, connection.createArrayOf("bigint", batch.stream().map(SkinProfile::version).toArray()));
                upsert.setArray(3, connection.createArrayOf("integer",
                        batch.stream().map(SkinProfile::questionnaireVersion).toArray()));
                upsert.setArray(4, connection.createArrayOf("varchar", batch.stream().map(SkinProfile::locale).toArray()));
                upsert.setArray(5, connection.createArrayOf("text", batch.stream().map(p -> write(p.answers())).toArray()));
                upsert.setArray(6, connection.createArrayOf("timestamptz", batch.stream()
                        .map(p -> p.updatedAt() == null ? null : Timestamp.from(p.updatedAt())).toArray()));
                upsert.setArray(7, connection.createArrayOf("timestamptz", batch.stream().map(p -> received).toArray()));
                try (ResultSet rows = upsert.executeQuery()) {
                    while (rows.next()) {
                        changed.add(rows.getString(1));
                    }
                }
            }
        });
        issuer.profilesChanged(batch.stream().filter(p -> changed.contains(p.customerId())).toList(), traces::get);
    }

    /**
     * Deletes the customer's answers older than the erasure and marks them erased. A tombstone older than what is
     * held (replayed after the customer answered again) changes nothing.
     */
    private void erase(String customerId, long erasedVersion) {
        List<?> held = entityManager.createNativeQuery(
                        "select version from customer_profile where customer_id = ?1 for update")
                .setParameter(1, customerId)
                .getResultList();
        long heldVersion = held.isEmpty() ? 0 : ((Number) held.get(0)).longValue();
        if (heldVersion >= erasedVersion) {
            return;
        }
        entityManager.createNativeQuery("delete from customer_profile where customer_id = ?1")
                .setParameter(1, customerId)
                .executeUpdate();
        long markedVersion = erasedVersion == Change.UNKNOWN_VERSION ? heldVersion : erasedVersion;
        entityManager.createNativeQuery("""
                        insert into erased_customer (customer_id, erased_version, erased_at) values (?1, ?2, ?3)
                        on conflict (customer_id) do update
                        set erased_version = greatest(erased_customer.erased_version, excluded.erased_version),
                            erased_at = excluded.erased_at""")
                .setParameter(1, customerId)
                .setParameter(2, markedVersion)
                .setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate();
        issuer.customerErased(customerId);
    }

    /**
     * Markers older than the retention go: by then compaction has removed the values they guard against (the
     * retention is longer than the topic's {@code max.compaction.lag.ms} plus its {@code delete.retention.ms}).
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldErasures() {
        forgetErasuresBefore(clock.instant().minus(markerRetention));
    }

    @Transactional
    public int forgetErasuresBefore(java.time.Instant cutoff) {
        return entityManager.createNativeQuery("delete from erased_customer where erased_at < ?1")
                .setParameter(1, Timestamp.from(cutoff))
                .executeUpdate();
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
