package com.skincareshop.recommendation.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * {@code issued_routine} and {@code issued_product}: for each consenting customer, the revision and content digest
 * of the current issued record and the products it uses, queryable by sku. Set-based native statements with arrays
 * (JPQL has no {@code unnest}, {@code on conflict} or sequences), in the caller's transaction, which has locked the
 * customers' profile rows. They touch only these two tables, which the session never holds: they do not flush it.
 */
@ApplicationScoped
public class IssuedRoutineRepository implements PanacheRepositoryBase<IssuedRoutine, String> {

    /** A customer's current issued record as stored. */
    record Stored(
            String customerId,
            long profileVersion,
            long revision,
            String contentDigest,
            Map<String, IssuedContent.Product> products) {}

    /** What to store for a customer: a new record's revision and content, or the same record's newer versions. */
    record Written(
            String customerId,
            long profileVersion,
            long revision,
            String contentDigest,
            Collection<IssuedContent.Product> products) {}

    /** Revisions for {@code count} records, in one round trip. */
    long[] nextRevisions(int count) {
        long[] revisions = new long[count];
        if (count == 0) {
            return revisions;
        }
        List<?> rows = nativeStatement("select nextval('issued_revision') from generate_series(1, ?1)")
                .setParameter(1, count)
                .getResultList();
        for (int i = 0; i < revisions.length; i++) {
            revisions[i] = ((Number) rows.get(i)).longValue();
        }
        return revisions;
    }

    /** The customers' issued records, by customer; a customer without one is absent. */
    Map<String, Stored> findStored(Collection<String> customerIds) {
        Map<String, Stored> stored = new HashMap<>();
        if (customerIds.isEmpty()) {
            return stored;
        }
        String[] ids = customerIds.toArray(String[]::new);
        Map<String, Map<String, IssuedContent.Product>> products = new HashMap<>();
        for (Object row : nativeStatement("""
                        select customer_id, sku, product_version, price_amount, price_currency, ingredients_digest
                        from issued_product where customer_id = any(?1)""").setParameter(1, ids).getResultList()) {
            Object[] columns = (Object[]) row;
            String sku = (String) columns[1];
            products.computeIfAbsent((String) columns[0], id -> new LinkedHashMap<>())
                    .put(
                            sku,
                            new IssuedContent.Product(
                                    sku,
                                    ((Number) columns[2]).longValue(),
                                    (BigDecimal) columns[3],
                                    (String) columns[4],
                                    (String) columns[5]));
        }
        for (Object row : nativeStatement("""
                        select customer_id, profile_version, revision, content_digest
                        from issued_routine where customer_id = any(?1)""").setParameter(1, ids).getResultList()) {
            Object[] columns = (Object[]) row;
            String id = (String) columns[0];
            stored.put(
                    id,
                    new Stored(
                            id,
                            ((Number) columns[1]).longValue(),
                            ((Number) columns[2]).longValue(),
                            (String) columns[3],
                            products.getOrDefault(id, Map.of())));
        }
        return stored;
    }

    /** Replaces the customers' issued state: the record's row, and its products. */
    void write(List<Written> written, Instant evaluatedAt) {
        if (written.isEmpty()) {
            return;
        }
        String[] ids = written.stream().map(Written::customerId).toArray(String[]::new);
        nativeStatement("""
                        insert into issued_routine (customer_id, profile_version, revision, content_digest, evaluated_at)
                        select u.customer_id, u.profile_version, u.revision, u.content_digest, ?1
                        from unnest(cast(?2 as varchar[]), cast(?3 as bigint[]), cast(?4 as bigint[]),
                                    cast(?5 as varchar[]))
                             as u(customer_id, profile_version, revision, content_digest)
                        on conflict (customer_id) do update set
                            profile_version = excluded.profile_version, revision = excluded.revision,
                            content_digest = excluded.content_digest, evaluated_at = excluded.evaluated_at""")
                .setParameter(1, evaluatedAt)
                .setParameter(2, ids)
                .setParameter(3, written.stream().map(Written::profileVersion).toArray(Long[]::new))
                .setParameter(4, written.stream().map(Written::revision).toArray(Long[]::new))
                .setParameter(5, written.stream().map(Written::contentDigest).toArray(String[]::new))
                .executeUpdate();
        nativeStatement("delete from issued_product where customer_id = any(?1)")
                .setParameter(1, ids)
                .executeUpdate();
        List<String> owners = new ArrayList<>();
        List<IssuedContent.Product> products = new ArrayList<>();
        for (Written customer : written) {
            for (IssuedContent.Product product : customer.products()) {
                owners.add(customer.customerId());
                products.add(product);
            }
        }
        if (products.isEmpty()) {
            return;
        }
        nativeStatement("""
                        insert into issued_product
                            (customer_id, sku, product_version, price_amount, price_currency, ingredients_digest)
                        select * from unnest(cast(?1 as varchar[]), cast(?2 as text[]), cast(?3 as bigint[]),
                                             cast(?4 as numeric[]), cast(?5 as varchar[]), cast(?6 as varchar[]))""")
                .setParameter(1, owners.toArray(String[]::new))
                .setParameter(
                        2, products.stream().map(IssuedContent.Product::sku).toArray(String[]::new))
                .setParameter(
                        3, products.stream().map(IssuedContent.Product::version).toArray(Long[]::new))
                .setParameter(
                        4,
                        products.stream()
                                .map(IssuedContent.Product::priceAmount)
                                .toArray(BigDecimal[]::new))
                .setParameter(
                        5,
                        products.stream()
                                .map(IssuedContent.Product::priceCurrency)
                                .toArray(String[]::new))
                .setParameter(
                        6,
                        products.stream()
                                .map(IssuedContent.Product::ingredientsDigest)
                                .toArray(String[]::new))
                .executeUpdate();
    }

    /**
     * The customers hold nothing issued any more (consent withdrawn, or erased). One JDBC statement with an array for
     * a whole batch of customers: it runs with the read model's batch deletes (docs/PERFORMANCE.md, ingestion).
     */
    void deleteIssuedTo(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from issued_routine where customer_id = any(?)")) {
                delete.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
                delete.executeUpdate();
            }
        });
    }

    /** Each sku some issued record holds, with the oldest version held. */
    Map<String, Long> findOldestHeldVersions() {
        Map<String, Long> oldest = new HashMap<>();
        for (Object row : nativeStatement("select sku, min(product_version) from issued_product group by sku")
                .getResultList()) {
            Object[] columns = (Object[]) row;
            oldest.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return oldest;
    }

    private Query nativeStatement(String sql) {
        return getEntityManager().createNativeQuery(sql).setFlushMode(FlushModeType.COMMIT);
    }
}
