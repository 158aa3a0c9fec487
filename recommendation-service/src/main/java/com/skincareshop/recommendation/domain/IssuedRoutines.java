package com.skincareshop.recommendation.domain;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code issued_routine} and {@code issued_product}: for each consenting customer, the revision and content digest
 * of the current issued record and the products it uses, queryable by sku. Set-based statements on the caller's
 * connection and transaction, which has locked the customers' profile rows.
 */
final class IssuedRoutines {

    /** A customer's current issued record as stored. */
    record Stored(String customerId, long profileVersion, long revision, String contentDigest,
                  Map<String, IssuedContent.Product> products) {
    }

    /** What to store for a customer: a new record's revision and content, or the same record's newer versions. */
    record Written(String customerId, long profileVersion, long revision, String contentDigest,
                   Collection<IssuedContent.Product> products) {
    }

    private IssuedRoutines() {
    }

    /** Revisions for {@code count} records, in one round trip. */
    static long[] nextRevisions(Connection connection, int count) throws SQLException {
        long[] revisions = new long[count];
        if (count == 0) {
            return revisions;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select nextval('issued_revision') from generate_series(1, ?)")) {
            select.setInt(1, count);
            try (ResultSet rows = select.executeQuery()) {
                for (int i = 0; rows.next(); i++) {
                    revisions[i] = rows.getLong(1);
                }
            }
        }
        return revisions;
    }

    static Map<String, Stored> load(Connection connection, Collection<String> customerIds) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        if (customerIds.isEmpty()) {
            return stored;
        }
        Map<String, Map<String, IssuedContent.Product>> products = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select customer_id, sku, product_version, price_amount, price_currency, ingredients_digest
                from issued_product where customer_id = any(?)""")) {
            select.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    products.computeIfAbsent(rows.getString(1), id -> new LinkedHashMap<>()).put(rows.getString(2),
                            new IssuedContent.Product(rows.getString(2), rows.getLong(3), rows.getBigDecimal(4),
                                    rows.getString(5), rows.getString(6)));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select customer_id, profile_version, revision, content_digest
                from issued_routine where customer_id = any(?)""")) {
            select.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    stored.put(id, new Stored(id, rows.getLong(2), rows.getLong(3), rows.getString(4),
                            products.getOrDefault(id, Map.of())));
                }
            }
        }
        return stored;
    }

    /** Replaces the customers' issued state: the record's row, and its products. */
    static void write(Connection connection, List<Written> written, Instant evaluatedAt) throws SQLException {
        if (written.isEmpty()) {
            return;
        }
        Object[] ids = written.stream().map(Written::customerId).toArray();
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into issued_routine (customer_id, profile_version, revision, content_digest, evaluated_at)
                select u.customer_id, u.profile_version, u.revision, u.content_digest, ?
                from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[])
                     as u(customer_id, profile_version, revision, content_digest)
                on conflict (customer_id) do update set
                    profile_version = excluded.profile_version, revision = excluded.revision,
                    content_digest = excluded.content_digest, evaluated_at = excluded.evaluated_at""")) {
            upsert.setTimestamp(1, Timestamp.from(evaluatedAt));
            upsert.setArray(2, connection.createArrayOf("varchar", ids));
            upsert.setArray(3, connection.createArrayOf("bigint", written.stream().map(Written::profileVersion).toArray()));
            upsert.setArray(4, connection.createArrayOf("bigint", written.stream().map(Written::revision).toArray()));
            upsert.setArray(5, connection.createArrayOf("varchar", written.stream().map(Written::contentDigest).toArray()));
            upsert.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from issued_product where customer_id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("varchar", ids));
            delete.executeUpdate();
        }
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
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into issued_product
                    (customer_id, sku, product_version, price_amount, price_currency, ingredients_digest)
                select * from unnest(?::varchar[], ?::text[], ?::bigint[], ?::numeric[], ?::varchar[], ?::varchar[])""")) {
            insert.setArray(1, connection.createArrayOf("varchar", owners.toArray()));
            insert.setArray(2, connection.createArrayOf("text", products.stream().map(IssuedContent.Product::sku).toArray()));
            insert.setArray(3, connection.createArrayOf("bigint", products.stream().map(IssuedContent.Product::version).toArray()));
            insert.setArray(4, connection.createArrayOf("numeric", products.stream()
                    .map(IssuedContent.Product::priceAmount).toArray(BigDecimal[]::new)));
            insert.setArray(5, connection.createArrayOf("varchar", products.stream().map(IssuedContent.Product::priceCurrency).toArray()));
            insert.setArray(6, connection.createArrayOf("varchar", products.stream().map(IssuedContent.Product::ingredientsDigest).toArray()));
            insert.executeUpdate();
        }
    }

    /** Consent withdrawn: the customer holds nothing issued any more (erasure deletes it with the profile). */
    static void delete(Connection connection, Collection<String> customerIds) throws SQLException {
        if (customerIds.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from issued_routine where customer_id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
            delete.executeUpdate();
        }
    }
}
