package com.skincareshop.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;

/** The catalogue's products: every query {@link ProductCatalog} makes. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, String> {

    /** A product's key and version, read without its JSON columns. */
    public record ProductKey(String sku, long version) {}

    /** One page of a listing's keys, in sku order, and how many products the filter matches in all. */
    public record KeyPage(List<ProductKey> keys, long total) {}

    /** The product, its row locked until the transaction ends; empty when there is none (nothing is locked). */
    public Optional<Product> lockForUpdate(String sku) {
        return findByIdOptional(sku, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The products with these skus that exist, their rows locked in sku order until the transaction ends. */
    public List<Product> lockForUpdate(Collection<String> skus) {
        return find("sku in ?1", Sort.by("sku"), skus)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Optional<Long> findVersion(String sku) {
        return find("sku", sku).project(ProductKey.class).firstResultOptional().map(ProductKey::version);
    }

    /**
     * The products with these skus, read-only: Hibernate then keeps no snapshot of the JSON columns and does not
     * compare them at flush.
     */
    public List<Product> listReadOnly(Collection<String> skus) {
        return find("sku in ?1", skus)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list();
    }

    /** The keys of one page of the products matching {@code query}, in sku order. */
    public KeyPage findKeys(ProductQuery query) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.status() != null) {
            conditions.add("status = :status");
            parameters.and("status", query.status());
        }
        if (query.category() != null) {
            conditions.add("category = :category");
            parameters.and("category", query.category());
        }
        if (query.concern() != null) {
            conditions.add("array_contains(concerns, :concern)");
            parameters.and("concern", query.concern().name());
        }
        if (query.skinType() != null) {
            conditions.add("array_contains(skinTypes, :skinType)");
            parameters.and("skinType", query.skinType().name());
        }
        if (query.area() != null) {
            conditions.add("array_contains(areas, :area)");
            parameters.and("area", query.area().name());
        }
        if (query.text() != null && !query.text().isBlank()) {
            conditions.add("searchText like :text escape '!'");
            parameters.and("text", "%" + likeEscaped(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        Sort bySku = Sort.by("sku");
        PanacheQuery<Product> matching =
                conditions.isEmpty() ? findAll(bySku) : find(String.join(" and ", conditions), bySku, parameters);
        long total = matching.count();
        List<ProductKey> keys = matching.project(ProductKey.class)
                .page(query.page(), query.size())
                .list();
        return new KeyPage(keys, total);
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
