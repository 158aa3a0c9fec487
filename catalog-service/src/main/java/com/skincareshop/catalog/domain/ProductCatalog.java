package com.skincareshop.catalog.domain;

import com.skincareshop.catalog.events.ProductEvents;
import com.skincareshop.contracts.catalog.ProductState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue's use cases. Each write locks the product row, changes it and records its event in one
 * transaction: a change without its event, or an event without its change, cannot commit.
 */
@ApplicationScoped
public class ProductCatalog {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Upserted(Outcome outcome, ProductState product) {
    }

    public record Page(List<ProductState> items, int page, int size, long total) {
    }

    private final EntityManager entityManager;
    private final ProductEvents events;
    private final Clock clock;

    /**
     * Reads load products read-only: Hibernate then keeps no snapshot of their JSON columns and does not compare them
     * at flush, which serialized every name, description and INCI list of every product read, twice per request.
     */
    private static final Map<String, Object> READ_ONLY = Map.of(HibernateHints.HINT_READ_ONLY, true);

    public ProductCatalog(EntityManager entityManager, ProductEvents events, Clock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Upserted upsert(String sku, ProductInput input, IfMatch precondition) {
        Product product = entityManager.find(Product.class, sku, LockModeType.PESSIMISTIC_WRITE);
        precondition.check(sku, product == null ? null : product.version());
        boolean created = product == null;
        if (created) {
            product = Product.create(sku);
        }
        boolean changed = product.apply(input, clock.instant());
        if (created) {
            entityManager.persist(product);
        }
        if (changed) {
            events.changed(product);
        }
        Outcome outcome = created ? Outcome.CREATED : changed ? Outcome.UPDATED : Outcome.UNCHANGED;
        return new Upserted(outcome, product.toState());
    }

    /** Empty when there is no such product. Discontinuing twice is harmless. */
    @Transactional
    public Optional<ProductState> discontinue(String sku, IfMatch precondition) {
        Product product = entityManager.find(Product.class, sku, LockModeType.PESSIMISTIC_WRITE);
        precondition.check(sku, product == null ? null : product.version());
        if (product == null) {
            return Optional.empty();
        }
        if (product.discontinue(clock.instant())) {
            events.changed(product);
        }
        return Optional.of(product.toState());
    }

    @Transactional
    public Optional<ProductState> find(String sku) {
        return Optional.ofNullable(entityManager.find(Product.class, sku, READ_ONLY)).map(Product::toState);
    }

    @Transactional
    public Page search(ProductQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (query.status() != null) {
            where.append(" and p.status = :status");
            parameters.put("status", query.status());
        }
        if (query.category() != null) {
            where.append(" and p.category = :category");
            parameters.put("category", query.category());
        }
        if (query.concern() != null) {
            where.append(" and array_contains(p.concerns, :concern)");
            parameters.put("concern", query.concern().name());
        }
        if (query.skinType() != null) {
            where.append(" and array_contains(p.skinTypes, :skinType)");
            parameters.put("skinType", query.skinType().name());
        }
        if (query.area() != null) {
            where.append(" and array_contains(p.areas, :area)");
            parameters.put("area", query.area().name());
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and p.searchText like :text escape '!'");
            parameters.put("text", "%" + likeEscaped(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        TypedQuery<Long> count = entityManager.createQuery("select count(p) from Product p" + where, Long.class);
        TypedQuery<Product> items = entityManager.createQuery("from Product p" + where + " order by p.sku", Product.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            items.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<ProductState> page = items.setFirstResult(query.page() * query.size())
                .setMaxResults(query.size())
                .getResultList()
                .stream()
                .map(Product::toState)
                .toList();
        return new Page(page, query.page(), query.size(), total);
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
