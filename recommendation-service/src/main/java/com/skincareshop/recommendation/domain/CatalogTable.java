package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.CatalogDigest;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalogue as this replica knows it, rebuilt from {@code catalog.products.v1}. A product is kept only if
 * its version is newer than the one held, so duplicates and reordering change nothing. Products that can be
 * recommended (on sale, in stock) are also indexed by category, so the engine never scans the whole catalogue.
 */
@ApplicationScoped
public class CatalogTable implements CatalogView {

    private final Map<String, ProductState> bySku = new ConcurrentHashMap<>();
    private final Map<Category, ConcurrentSkipListMap<String, ProductState>> available = new EnumMap<>(Category.class);
    /** {@link CatalogDigest} of (sku, version) of every product held, kept as products come and go. */
    private final AtomicLong digest = new AtomicLong();

    public CatalogTable() {
        for (Category category : Category.values()) {
            available.put(category, new ConcurrentSkipListMap<>());
        }
    }

    /** True when the product replaced an older version (or was new). */
    public boolean apply(ProductState product) {
        boolean[] applied = {false};
        bySku.compute(product.sku(), (sku, held) -> {
            if (held != null && held.version() >= product.version()) {
                return held;
            }
            if (held != null) {
                available.get(held.category()).remove(sku);
                digest.updateAndGet(d -> CatalogDigest.minus(d, CatalogDigest.term(sku, held.version())));
            }
            digest.updateAndGet(d -> CatalogDigest.plus(d, CatalogDigest.term(sku, product.version())));
            if (product.status() == ProductStatus.ACTIVE && product.stock() > 0) {
                available.get(product.category()).put(sku, product);
            }
            applied[0] = true;
            return product;
        });
        return applied[0];
    }

    /** A tombstone: the product is gone from the catalogue altogether. */
    public void remove(String sku) {
        bySku.computeIfPresent(sku, (key, held) -> {
            available.get(held.category()).remove(key);
            digest.updateAndGet(d -> CatalogDigest.minus(d, CatalogDigest.term(key, held.version())));
            return null;
        });
    }

    @Override
    public Collection<ProductState> available(Category category) {
        return Collections.unmodifiableCollection(available.get(category).values());
    }

    public Optional<ProductState> find(String sku) {
        return Optional.ofNullable(bySku.get(sku));
    }

    public int size() {
        return bySku.size();
    }

    /** The {@link CatalogDigest} of what the table holds: equal to the source's when the table is in step. */
    public long digest() {
        return digest.get();
    }
}
