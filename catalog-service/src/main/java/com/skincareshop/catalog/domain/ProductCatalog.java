package com.skincareshop.catalog.domain;

import com.skincareshop.contracts.catalog.ProductState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue's use cases. Each write locks the product row, changes it and records its event in one
 * transaction: a change without its event, or an event without its change, cannot commit.
 */
@ApplicationScoped
public class ProductCatalog {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public record Upserted(Outcome outcome, ProductState product) {}

    /** One product of a batch: its sku and what it should become. */
    public record Change(String sku, ProductInput input) {}

    public record Page(List<ProductState> items, int page, int size, long total) {}

    private final ProductRepository products;
    private final ProductPublisher events;
    private final ProductStateCache states;
    private final Clock clock;

    public ProductCatalog(ProductRepository products, ProductPublisher events, ProductStateCache states, Clock clock) {
        this.products = products;
        this.events = events;
        this.states = states;
        this.clock = clock;
    }

    @Transactional
    public Upserted upsert(String sku, ProductInput input, IfMatch precondition) {
        Product product = products.lockForUpdate(sku).orElse(null);
        precondition.check(sku, product == null ? null : product.version());
        return apply(product, sku, input).upserted();
    }

    /**
     * Many products in one transaction, in their order, each as {@link #upsert} without a precondition: the rows
     * that exist are locked in one statement, in sku order as every batch locks them (two imports cannot deadlock);
     * each product is created or changed and its event recorded. A sku that comes twice is applied twice, in order.
     * All or nothing: when anything fails, nothing of the batch is stored.
     */
    @Transactional
    public List<Upserted> upsertAll(List<Change> changes) {
        Map<String, Product> held = new HashMap<>();
        products.lockForUpdate(changes.stream().map(Change::sku).distinct().toList())
                .forEach(product -> held.put(product.sku(), product));
        List<Upserted> results = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Applied applied = apply(held.get(change.sku()), change.sku(), change.input());
            held.put(change.sku(), applied.product());
            results.add(applied.upserted());
        }
        return results;
    }

    private record Applied(Product product, Upserted upserted) {}

    /** Creates the product when none is held (locked), makes it what the input says and records its event. */
    private Applied apply(Product held, String sku, ProductInput input) {
        boolean created = held == null;
        Product product = created ? Product.create(sku) : held;
        boolean changed = product.apply(input, clock.instant());
        if (created) {
            products.persist(product);
        }
        if (changed) {
            events.changed(product);
        }
        Outcome outcome = created ? Outcome.CREATED : changed ? Outcome.UPDATED : Outcome.UNCHANGED;
        return new Applied(product, new Upserted(outcome, product.toState()));
    }

    /** Empty when there is no such product. Discontinuing twice is harmless. */
    @Transactional
    public Optional<ProductState> discontinue(String sku, IfMatch precondition) {
        Product product = products.lockForUpdate(sku).orElse(null);
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
     * One product: its version first, then its state as kept in {@link ProductStateCache}, read whole only when it is
     * not. A transaction of its own, so that what it reads is committed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ProductState> find(String sku) {
        return products.findVersion(sku)
                .flatMap(version -> states.get(sku, version)
                        .or(() -> Optional.ofNullable(load(List.of(sku)).get(sku))));
    }

    /**
     * The products as read now, by sku, and kept in {@link ProductStateCache}; a sku read by version a moment ago may
     * have a newer version here, which is then what is shown.
     */
    private Map<String, ProductState> load(List<String> skus) {
        Map<String, ProductState> loaded = new HashMap<>();
        products.listReadOnly(skus).forEach(product -> {
            ProductState state = product.toState();
            states.read(state);
            loaded.put(state.sku(), state);
        });
        return loaded;
    }

    /** A transaction of its own, as {@link #find}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Page search(ProductQuery query) {
        // the page's skus and versions first: the states of most are held already, and reading a product's JSON
        // columns costs more than the rest of the listing
        ProductRepository.KeyPage page = products.findKeys(query);
        // one look-up per key: a state evicted between two look-ups would otherwise drop out of the page
        Map<String, ProductState> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (ProductRepository.ProductKey key : page.keys()) {
            states.get(key.sku(), key.version())
                    .ifPresentOrElse(state -> found.put(state.sku(), state), () -> missing.add(key.sku()));
        }
        if (!missing.isEmpty()) {
            found.putAll(load(missing));
        }
        List<ProductState> items = page.keys().stream()
                .map(key -> found.get(key.sku()))
                .filter(Objects::nonNull) // there are no deletions, but a row gone between the two reads is not shown
                .toList();
        return new Page(items, query.page(), query.size(), page.total());
    }
}
