package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.CatalogDigest;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The catalogue as this replica knows it, rebuilt from {@code catalog.products.v1}. A product is kept only if
 * its version is newer than the one held, so duplicates and reordering change nothing.
 *
 * <p>Products that can be recommended (on sale, in stock) are indexed per category in groups of equal
 * {@link Traits#key()}: each group in sku order, again per skin type it suits, and by price. A search bounds each
 * group's score for the customer from the group's ceiling traits, visits the groups from the highest bound down,
 * and stops at the first bound below the best score found; within a group it stops at the first product that
 * reaches the bound. The cost is the number of groups (bounded by the vocabulary, not by the catalogue: a few
 * hundred per category at 100k synthetic products) plus the few products visited.
 *
 * <p>Groups and ceilings only grow: a product leaving a group leaves its ceiling as high as it was, which keeps the
 * bound safe, only less tight; an emptied group costs one check per search.
 */
@ApplicationScoped
public class CatalogTable implements CatalogView {

    private static final SkinType[] SKIN_TYPES = SkinType.values();

    private final Map<String, ProductState> bySku = new ConcurrentHashMap<>();
    private final Map<Category, CategoryIndex> available = new EnumMap<>(Category.class);
    /** {@link CatalogDigest} of (sku, version) of every product held, kept as products come and go. */
    private final AtomicLong digest = new AtomicLong();

    public CatalogTable() {
        for (Category category : Category.values()) {
            available.put(category, new CategoryIndex());
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
                available.get(held.category()).remove(held);
                digest.updateAndGet(d -> CatalogDigest.minus(d, CatalogDigest.term(sku, held.version())));
            }
            digest.updateAndGet(d -> CatalogDigest.plus(d, CatalogDigest.term(sku, product.version())));
            if (product.status() == ProductStatus.ACTIVE && product.stock() > 0) {
                available.get(product.category()).add(product);
            }
            applied[0] = true;
            return product;
        });
        return applied[0];
    }

    /** A tombstone: the product is gone from the catalogue altogether. */
    public void remove(String sku) {
        bySku.computeIfPresent(sku, (key, held) -> {
            available.get(held.category()).remove(held);
            digest.updateAndGet(d -> CatalogDigest.minus(d, CatalogDigest.term(key, held.version())));
            return null;
        });
    }

    /** The products of a category that can be recommended, in sku order. */
    public List<ProductState> available(Category category) {
        return available.get(category).byPrice.stream().sorted(Comparator.comparing(ProductState::sku)).toList();
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

    @Override
    public Optional<ProductState> best(Category category, Search search) {
        Group[] groups = available.get(category).groups;
        if (groups.length == 0) {
            return Optional.empty();
        }
        SkinType skinType = search.skinType();
        // a segment is a group's products that suit the skin type (or all of them, without one), or the rest
        int segments = skinType == null ? groups.length : 2 * groups.length;
        double[] bounds = new double[segments];
        for (int g = 0; g < groups.length; g++) {
            double bound = groups[g].isEmpty() ? Double.NEGATIVE_INFINITY : search.bound(groups[g].ceiling);
            bounds[g] = bound;
            if (skinType != null) {
                bounds[groups.length + g] = bound - search.unsuitedPenalty();
            }
        }
        // The highest bounds first until a product is found (it usually reaches its bound), then one pass over the
        // rest, skipping every segment whose bound is below the best score: cheaper than ordering them all.
        Best best = new Best();
        for (int segment = highest(bounds); segment >= 0 && best.product == null; segment = highest(bounds)) {
            visit(groups, segment, bounds, skinType, search, best);
        }
        for (int segment = 0; segment < segments; segment++) {
            if (bounds[segment] != Double.NEGATIVE_INFINITY && bounds[segment] >= best.score) {
                visit(groups, segment, bounds, skinType, search, best);
            }
        }
        return Optional.ofNullable(best.product);
    }

    /** The best product found so far and its score. */
    private static final class Best {
        private ProductState product;
        private double score = Double.NEGATIVE_INFINITY;
    }

    /** Scores one segment's allowed products in sku order, as far as one of them could still beat the best. */
    private static void visit(Group[] groups, int segment, double[] bounds, SkinType skinType, Search search, Best best) {
        double bound = bounds[segment];
        bounds[segment] = Double.NEGATIVE_INFINITY; // visited
        Group group = groups[segment % groups.length];
        boolean rest = segment >= groups.length;
        Iterable<ProductState> products = skinType == null || rest ? group.all.values()
                : group.suiting[skinType.ordinal()].values();
        for (ProductState product : products) {
            if (best.product != null && bound == best.score && product.sku().compareTo(best.product.sku()) >= 0) {
                return; // at best a tie, and the sku loses it
            }
            if ((rest && product.skinTypes().contains(skinType)) || !search.allows(product)) {
                continue;
            }
            double score = search.score(product);
            assert score <= bound : "bound " + bound + " below the score " + score + " of " + product.sku();
            if (best.product == null || score > best.score
                    || (score == best.score && product.sku().compareTo(best.product.sku()) < 0)) {
                best.product = product;
                best.score = score;
            }
            if (score >= bound) {
                return; // the rest of the segment has larger skus and no higher score
            }
        }
    }

    /** The segment with the highest bound not yet visited, or -1 when none is left. */
    private static int highest(double[] bounds) {
        int highest = -1;
        double highestBound = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bounds.length; i++) {
            if (bounds[i] > highestBound) {
                highest = i;
                highestBound = bounds[i];
            }
        }
        return highest;
    }

    /**
     * Each group's products in price order, from the group whose cheapest is cheapest: a group is left at its first
     * allowed product, or as soon as its products cost more than the best found.
     */
    @Override
    public Optional<ProductState> cheapest(Category category, Predicate<Traits> mayHold, Predicate<ProductState> allowed) {
        ProductState best = null;
        for (Group group : available.get(category).groups) {
            if (!mayHold.test(group.ceiling)) {
                continue;
            }
            for (ProductState product : group.byPrice) {
                if (best != null && BY_PRICE.compare(product, best) >= 0) {
                    break;
                }
                if (allowed.test(product)) {
                    best = product;
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** One category's available products. A product is changed only under {@link #apply}'s per-sku lock. */
    private static final class CategoryIndex {
        private final Map<Object, Group> byKey = new ConcurrentHashMap<>();
        /** The same groups, for searches to read without a copy; replaced (rarely) when a group is added. */
        private volatile Group[] groups = new Group[0];
        /** All of them by price, for {@link #available}. */
        private final ConcurrentSkipListSet<ProductState> byPrice = new ConcurrentSkipListSet<>(BY_PRICE);

        void add(ProductState product) {
            Traits traits = Traits.of(product);
            byKey.computeIfAbsent(traits.key(), key -> {
                Group group = new Group(traits);
                synchronized (this) {
                    Group[] more = Arrays.copyOf(groups, groups.length + 1);
                    more[groups.length] = group;
                    groups = more;
                }
                return group;
            }).add(product, traits);
            byPrice.add(product);
        }

        void remove(ProductState product) {
            Group group = byKey.get(Traits.of(product).key());
            if (group != null) {
                group.remove(product);
            }
            byPrice.remove(product);
        }
    }

    /** Products of the same key: in sku order, per skin type they suit, and by price; with their ceiling traits. */
    private static final class Group {
        private volatile Traits ceiling;
        /**
         * How many products {@link #all} holds, changed under the group's lock: asking a skip list whether it is empty
         * walks it, and every search asks it of every group.
         */
        private volatile int size;
        private final ConcurrentSkipListMap<String, ProductState> all = new ConcurrentSkipListMap<>();
        private final ConcurrentSkipListMap<String, ProductState>[] suiting;
        private final ConcurrentSkipListSet<ProductState> byPrice = new ConcurrentSkipListSet<>(BY_PRICE);

        @SuppressWarnings("unchecked")
        Group(Traits first) {
            this.ceiling = first;
            this.suiting = new ConcurrentSkipListMap[SKIN_TYPES.length];
            Arrays.setAll(suiting, i -> new ConcurrentSkipListMap<String, ProductState>());
        }

        void add(ProductState product, Traits traits) {
            synchronized (this) { // two skus may join the group at once; the ceiling must hold both
                ceiling = ceiling.ceiling(traits);
            }
            if (all.put(product.sku(), product) == null) {
                synchronized (this) {
                    size++;
                }
            }
            product.skinTypes().forEach(type -> suiting[type.ordinal()].put(product.sku(), product));
            byPrice.add(product);
        }

        boolean isEmpty() {
            return size == 0;
        }

        void remove(ProductState product) {
            if (all.remove(product.sku()) != null) {
                synchronized (this) {
                    size--;
                }
            }
            for (ConcurrentSkipListMap<String, ProductState> list : suiting) {
                list.remove(product.sku());
            }
            byPrice.remove(product);
        }
    }
}
