package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.persistence.JdbcValues;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/** The profile read model ({@code customer_profile}). */
@ApplicationScoped
public class CustomerProfileRepository implements PanacheRepositoryBase<CustomerProfile, String> {

    /** The columns every read of a profile selects, in the order {@link #profile} reads them. */
    private static final String PROFILE_COLUMNS =
            "p.customer_id, p.version, p.questionnaire_version, p.locale, p.answers::text, p.updated_at";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CustomerProfileRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * One row by key, read with JDBC on a pooled connection in auto-commit: every routine request makes this read,
     * and a JTA transaction and a Hibernate session around one select cost more than the select
     * (docs/PERFORMANCE.md, HTTP).
     */
    public Optional<SkinProfile> findProfile(String customerId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select " + PROFILE_COLUMNS + " from customer_profile p where p.customer_id = ?")) {
            select.setString(1, customerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(profile(
                        row.getString(1),
                        row.getLong(2),
                        row.getInt(3),
                        row.getString(4),
                        row.getString(5),
                        row.getObject(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the profile read model cannot be read", e);
        }
    }

    /**
     * Stores each profile that is newer than the one held and not erased at or above its version; returns the
     * customers whose row changed. One statement for the whole batch, with JDBC arrays: one statement per event was
     * a third of the rate (docs/PERFORMANCE.md, ingestion). Each customer at most once: a statement may not touch a
     * row twice.
     */
    public Set<String> upsertIfNewer(List<SkinProfile> batch, Instant receivedAt) {
        Set<String> changed = new HashSet<>();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
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
                Timestamp received = Timestamp.from(receivedAt);
                upsert.setArray(
                        1,
                        connection.createArrayOf(
                                "varchar",
                                batch.stream().map(SkinProfile::customerId).toArray()));
                upsert.setArray(
                        2,
                        connection.createArrayOf(
                                "bigint",
                                batch.stream().map(SkinProfile::version).toArray()));
                upsert.setArray(
                        3,
                        connection.createArrayOf(
                                "integer",
                                batch.stream()
                                        .map(SkinProfile::questionnaireVersion)
                                        .toArray()));
                upsert.setArray(
                        4,
                        connection.createArrayOf(
                                "varchar",
                                batch.stream().map(SkinProfile::locale).toArray()));
                upsert.setArray(
                        5,
                        connection.createArrayOf(
                                "text",
                                batch.stream().map(p -> write(p.answers())).toArray()));
                upsert.setArray(
                        6,
                        connection.createArrayOf(
                                "timestamptz",
                                batch.stream()
                                        .map(p -> p.updatedAt() == null ? null : Timestamp.from(p.updatedAt()))
                                        .toArray()));
                upsert.setArray(
                        7,
                        connection.createArrayOf(
                                "timestamptz", batch.stream().map(p -> received).toArray()));
                try (ResultSet rows = upsert.executeQuery()) {
                    while (rows.next()) {
                        changed.add(rows.getString(1));
                    }
                }
            }
        });
        return changed;
    }

    /**
     * The version held for the customer, 0 when none, its row locked until the transaction ends. Native
     * {@code for update}: the lock a profile change and the drift workers take on this row, whatever lock mode
     * Hibernate would choose.
     */
    public long lockVersion(String customerId) {
        List<?> held = getEntityManager()
                .createNativeQuery("select version from customer_profile where customer_id = ?1 for update")
                .setParameter(1, customerId)
                .getResultList();
        return held.isEmpty() ? 0 : ((Number) held.get(0)).longValue();
    }

    /** Deletes the customer's answers; what was issued to them goes with them (on delete cascade). */
    public void deleteProfile(String customerId) {
        delete("customerId", customerId);
    }

    /**
     * The next {@code limit} customers after {@code after} (in id order) whose issued record holds {@code sku} below
     * {@code version}, their profile rows locked; those locked elsewhere are skipped. Native: JPQL has no
     * {@code skip locked}.
     */
    public List<SkinProfile> lockHoldersOf(String sku, long version, String after, int limit) {
        return profiles(getEntityManager()
                .createNativeQuery("select " + PROFILE_COLUMNS + """
                         from issued_product i join customer_profile p on p.customer_id = i.customer_id
                        where i.sku = ?1 and i.product_version < ?2 and i.customer_id > ?3
                        order by i.customer_id limit ?4
                        for update of p skip locked""")
                .setParameter(1, sku)
                .setParameter(2, version)
                .setParameter(3, after)
                .setParameter(4, limit)
                .getResultList());
    }

    /**
     * The next {@code limit} consenting customers after {@code after}, in id order, their rows locked; those locked
     * elsewhere are skipped. Native: JPQL has no {@code skip locked}, nor the jsonb operator of the partial index.
     */
    public List<SkinProfile> lockNextConsenting(String after, int limit) {
        return profiles(getEntityManager()
                .createNativeQuery("select " + PROFILE_COLUMNS + """
                         from customer_profile p
                        where (p.answers ->> 'marketingConsent') = 'true' and p.customer_id > ?1
                        order by p.customer_id limit ?2
                        for update skip locked""")
                .setParameter(1, after)
                .setParameter(2, limit)
                .getResultList());
    }

    private List<SkinProfile> profiles(List<?> rows) {
        List<SkinProfile> profiles = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            profiles.add(profile(
                    (String) columns[0],
                    ((Number) columns[1]).longValue(),
                    ((Number) columns[2]).intValue(),
                    (String) columns[3],
                    (String) columns[4],
                    columns[5]));
        }
        return profiles;
    }

    private SkinProfile profile(
            String customerId,
            long version,
            int questionnaireVersion,
            String locale,
            String answers,
            Object updatedAt) {
        try {
            return new SkinProfile(
                    customerId,
                    version,
                    questionnaireVersion,
                    locale,
                    json.readValue(answers, Answers.class),
                    JdbcValues.instant(updatedAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers cannot be read", e);
        }
    }

    private String write(Answers answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers cannot be serialized", e);
        }
    }
}
