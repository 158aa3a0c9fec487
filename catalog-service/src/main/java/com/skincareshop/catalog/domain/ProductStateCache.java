package com.skincareshop.catalog.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.skincareshop.catalog.CatalogConfig;
import com.skincareshop.contracts.catalog.ProductState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Product states by (sku, version), for the reads. A version of a product never changes (every change makes a
 * new one), so a state read once is right for as long as it is kept: a listing reads the skus and versions it
 * shows, which is cheap, and only the states it does not hold yet, whose JSON columns (names, descriptions, INCI
 * lists) cost most of a listing to read (docs/PERFORMANCE.md). Filled only from committed reads, never from a
 * write, which could still roll back and leave a version that never existed. Bounded; Caffeine evicts the least
 * used.
 */
@ApplicationScoped
public class ProductStateCache {

    private record Key(String sku, long version) {}

    private final Cache<Key, ProductState> states;

    public ProductStateCache(CatalogConfig config, MeterRegistry metrics) {
        this.states = Caffeine.newBuilder()
                .maximumSize(config.readCache().size())
                .recordStats()
                .build();
        // cache_gets_total{cache="product-states",result="hit"|"miss"}, cache_size, cache_evictions_total...
        CaffeineCacheMetrics.monitor(metrics, states, "product-states");
    }

    Optional<ProductState> get(String sku, long version) {
        return Optional.ofNullable(states.getIfPresent(new Key(sku, version)));
    }

    /** A state as read by a transaction that writes nothing, so of a committed row. */
    void read(ProductState state) {
        states.put(new Key(state.sku(), state.version()), state);
    }
}
