package com.skincareshop.recommendation.engine.index;

import com.skincareshop.contracts.catalog.ProductState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A product as the catalogue table holds it: what routines read, and nothing else. The descriptions (most of a
 * product's size, in every locale) are left out: no routine shows them, and a storefront reads them from
 * catalog-service. So is the time of the last change. The values that repeat from product to product (ingredient
 * lines, active strengths, brands, prices, sizes, label names the dictionary does not know) are held once and shared,
 * as a catalogue of 100,000 products has far fewer distinct ones.
 *
 * <p>The pool is bounded: at {@link #CAPACITY} distinct values it starts afresh. The products held keep the values
 * they share; what the pool held only for versions since replaced is then let go, so it never holds more than
 * {@code CAPACITY} values, however long the catalogue changes.
 */
final class EngineView {

    static final int CAPACITY = 200_000;

    private final Map<Object, Object> shared = new ConcurrentHashMap<>();

    /** The product with its descriptions and time of change left out and its repeated values shared. */
    ProductState of(ProductState product) {
        return new ProductState(
                product.sku(),
                product.version(),
                product.status(),
                product.category(),
                shared(product.brand()),
                product.names(),
                Map.of(),
                sharedEach(product.ingredients()),
                sharedEach(product.actives()),
                product.containsFragrance(),
                product.concerns(),
                product.skinTypes(),
                product.areas(),
                product.timeOfDay(),
                product.spf(),
                product.format(),
                product.texture(),
                shared(product.size()),
                shared(product.price()),
                product.stock(),
                null,
                sharedEach(product.unrecognizedIngredients()));
    }

    private <T> List<T> sharedEach(List<T> values) {
        if (values == null) {
            return null;
        }
        List<T> sharedValues = new ArrayList<>(values.size());
        for (T value : values) {
            sharedValues.add(shared(value));
        }
        return List.copyOf(sharedValues);
    }

    /** The value held already if an equal one is, else this one, held from now on. */
    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        if (value == null) {
            return null;
        }
        Object held = shared.get(value);
        if (held != null) {
            return (T) held;
        }
        if (shared.size() >= CAPACITY) {
            shared.clear(); // concurrent callers may each add one more before it: a bound, not an exact count
        }
        held = shared.putIfAbsent(value, value);
        return held == null ? value : (T) held;
    }

    /** How many distinct values are shared. */
    int sharedValues() {
        return shared.size();
    }
}
