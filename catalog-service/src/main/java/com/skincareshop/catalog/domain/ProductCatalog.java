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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    private final ProductStates states;
    private final Clock clock;

    public ProductCatalog(EntityManager entityManager, ProductEvents events, ProductStates states, Clock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.states = states;
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

    /**
     * One product: its version first, then its state as kept in {@link ProductStates}, read whole only when it is
     * not. A transaction of its own, so that what it reads is committed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ProductState> find(String sku) {
        List<Long> version = entityManager.createQuery("select p.version from Product p where p.sku = :sku", Long.class)
                .setParameter("sku", sku)
                .getResultList();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return states.get(sku, version.get(0)).or(() -> Optional.ofNullable(load(List.of(sku)).get(sku)));
    }

    /**
     * The products as read now, by sku, and kept in {@link ProductStates}; a sku read by version a moment ago may
     * have a newer version here, which is then what is shown.
     */
    private Map<String, ProductState> load(List<String> skus) {
        Map<String, ProductState> loaded = new HashMap<>();
        // read-only: Hibernate then keeps no snapshot of the JSON columns and does not compare them at flush
        entityManager.createQuery("from Product p where p.sku in :skus", Product.class)
                .setParameter("skus", skus)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList()
                .forEach(product -> {
                    ProductState state = product.toState();
                    states.read(state);
                    loaded.put(state.sku(), state);
                });
        return loaded;
    }

    /** A transaction of its own, as {@link #find}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
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
        // the page's skus and versions first: the states of most are held already, and reading a product's JSON
        // columns costs more than the rest of the listing
        TypedQuery<Object[]> keys = entityManager.createQuery(
                "select p.sku, p.version from Product p" + where + " order by p.sku", Object[].class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            keys.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<Object[]> page = keys.setFirstResult(query.page() * query.size()).setMaxResults(query.size())
                .getResultList();
        // one look-up per key: a state evicted between two look-ups would otherwise drop out of the page
        Map<String, ProductState> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Object[] key : page) {
            states.get((String) key[0], (Long) key[1]).ifPresentOrElse(
                    state -> found.put(state.sku(), state), () -> missing.add((String) key[0]));
        }
        if (!missing.isEmpty()) {
            found.putAll(load(missing));
        }
        List<ProductState> items = page.stream()
                .map(key -> found.get((String) key[0]))
                .filter(Objects::nonNull) // there are no deletions, but a row gone between the two reads is not shown
                .toList();
        return new Page(items, query.page(), query.size(), total);
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
