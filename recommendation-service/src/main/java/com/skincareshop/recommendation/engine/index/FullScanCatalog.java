package com.skincareshop.recommendation.engine.index;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The catalogue searched by visiting every product: the definition of {@link CatalogView}'s answers. The engine's
 * tests hold {@link CatalogTable}'s indexed answers to it, and the benchmark measures the two side by side.
 */
public final class FullScanCatalog implements CatalogView {

    private final List<ProductState> available;

    public FullScanCatalog(Collection<ProductState> products) {
        this.available = products.stream()
                .filter(p -> p.status() == ProductStatus.ACTIVE && p.stock() > 0)
                .toList();
    }

    @Override
    public Optional<ProductState> best(Category category, Search search) {
        return available.stream()
                .filter(p -> p.category() == category && search.allows(p))
                .max(Comparator.comparingDouble(search::score)
                        .thenComparing(ProductState::sku, Comparator.reverseOrder()));
    }

    @Override
    public Optional<ProductState> cheapest(
            Category category,
            SkinType skinType,
            Predicate<Traits> mayHold,
            Predicate<ProductState> groupAllows,
            Predicate<ProductState> allowed) {
        return available.stream()
                .filter(p -> p.category() == category && allowed.test(p))
                .min(BY_PRICE);
    }
}
