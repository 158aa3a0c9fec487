package com.skincareshop.recommendation.engine.index;

import com.skincareshop.contracts.catalog.CatalogDigest;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.recommendation.engine.rules.Exclusions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The catalogue as this replica knows it, rebuilt from {@code catalog.products.v1}. A product is kept only if
 * its version is newer than the one held, so duplicates and reordering change nothing.
 *
 * <p>Products that can be recommended (on sale, in stock) are indexed per category in groups of equal
 * {@link Traits#key()}, each group's products partitioned by what the customer's hard filters read of them
 * ({@link com.skincareshop.recommendation.engine.rules.Exclusions} and currency): each partition in sku order, again
 * per skin type it suits, and by price. Groups that agree on
 * the customer's concerns form a family with a ceiling over all of them. A search bounds each family's score for
 * the customer from its ceiling, and from the highest bound down, bounds the groups of a family and visits them,
 * until the next family's bound is below the best score found; within a group it skips the partitions the search
 * refuses from their bits, and in each of the others stops at the first product that reaches the bound. The cost is a few dozen families and the groups of the few visited (all bounded by the
 * vocabulary, not by the catalogue: a few hundred groups per category at 100k synthetic products), plus the few
 * products visited.
 *
 * <p>Groups and ceilings only grow: a product leaving a group leaves its ceiling as high as it was, which keeps the
 * bound safe, only less tight; an emptied group costs one check per search.
 */
public class CatalogTable implements CatalogView {

    private static final SkinType[] SKIN_TYPES = SkinType.values();
    private static final Concern[] CONCERNS = Concern.values();

    private final Map<String, ProductState> bySku = new ConcurrentHashMap<>();
    private final EngineView engineView = new EngineView();
    private final Map<Category, CategoryIndex> available = new EnumMap<>(Category.class);
    /** {@link CatalogDigest} of (sku, version) of every product held, kept as products come and go. */
    private final AtomicLong digest = new AtomicLong();
    /** Grows with every change to what a routine can use: a product entering, changing in or leaving the index. */
    private final AtomicLong generation = new AtomicLong();

    public CatalogTable() {
        for (Category category : Category.values()) {
            available.put(category, new CategoryIndex());
        }
    }

    /**
     * True when the product replaced an older version (or was new). What is held is its {@link EngineView}: without
     * its descriptions.
     */
    public boolean apply(ProductState incoming) {
        boolean[] applied = {false};
        bySku.compute(incoming.sku(), (sku, held) -> {
            if (held != null && held.version() >= incoming.version()) {
                return held;
            }
            ProductState product =
                    engineView.of(incoming); // only what is kept: a replay's older versions share nothing
            boolean wasAvailable = held != null && available(held);
            if (held != null) {
                available.get(held.category()).remove(held);
                digest.updateAndGet(d -> CatalogDigest.minus(d, CatalogDigest.term(sku, held.version())));
            }
            digest.updateAndGet(d -> CatalogDigest.plus(d, CatalogDigest.term(sku, product.version())));
            boolean isAvailable = available(product);
            if (isAvailable) {
                available.get(product.category()).add(product);
            }
            if (wasAvailable || isAvailable) {
                generation.incrementAndGet();
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
            if (available(held)) {
                generation.incrementAndGet();
            }
            digest.updateAndGet(d -> CatalogDigest.minus(d, CatalogDigest.term(key, held.version())));
            return null;
        });
    }

    /** On sale and in stock: what the index holds, and all a routine can use. */
    private static boolean available(ProductState product) {
        return product.status() == ProductStatus.ACTIVE && product.stock() > 0;
    }

    /**
     * Changes whenever what a routine could use changes (a product entering, changing in or leaving the index),
     * and only then: a product changed while off sale or sold out, before and after, leaves it as it is. A routine
     * built at one generation is the routine of every later request at the same generation (with the same inputs).
     */
    public long generation() {
        return generation.get();
    }

    /** The products of a category that can be recommended, in sku order. */
    public List<ProductState> available(Category category) {
        return available.get(category).byPrice.stream()
                .sorted(Comparator.comparing(ProductState::sku))
                .toList();
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
        Family[] families = available.get(category).families(search.concerns());
        double[] bounds = new double[families.length];
        for (int f = 0; f < families.length; f++) {
            bounds[f] = search.bound(families[f].ceiling);
        }
        // Families from the highest bound down: once a family's bound is below the best score found, no product of
        // it or of any family after it can beat the best (an equal bound may still hold a tie with a smaller sku).
        Best best = new Best();
        for (int f = highest(bounds); f >= 0; f = highest(bounds)) {
            double bound = bounds[f];
            bounds[f] = Double.NEGATIVE_INFINITY;
            if (best.product != null && bound < best.score) {
                break;
            }
            search(families[f].groups, search, best);
        }
        return Optional.ofNullable(best.product);
    }

    /** A family's groups searched for a product better than {@code best}, as far as one could still hold one. */
    private static void search(Group[] groups, Search search, Best best) {
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
        for (int segment = highest(bounds); segment >= 0 && best.product == null; segment = highest(bounds)) {
            visit(groups, segment, bounds, skinType, search, best);
        }
        for (int segment = 0; segment < segments; segment++) {
            if (bounds[segment] != Double.NEGATIVE_INFINITY && bounds[segment] >= best.score) {
                visit(groups, segment, bounds, skinType, search, best);
            }
        }
    }

    /** The best product found so far and its score. */
    private static final class Best {
        private ProductState product;
        private double score = Double.NEGATIVE_INFINITY;
    }

    /** Scores one segment's allowed products, partition by partition, as far as one could still beat the best. */
    private static void visit(
            Group[] groups, int segment, double[] bounds, SkinType skinType, Search search, Best best) {
        double bound = bounds[segment];
        bounds[segment] = Double.NEGATIVE_INFINITY; // visited
        boolean rest = segment >= groups.length;
        Members members = groups[segment % groups.length].members();
        String smallestSku = members.smallestSkus()[Members.segmentKind(skinType, rest)];
        if (smallestSku == null
                || (best.product != null && bound == best.score && smallestSku.compareTo(best.product.sku()) >= 0)) {
            return; // empty, or at best a tie its smallest sku loses: no partition read
        }
        for (int i = 0; i < members.partitions().length; i++) {
            if (!search.allowsPartition(members.exclusions()[i], members.currencies()[i])) {
                continue; // refused from its bits, no product read
            }
            Partition partition = members.partitions()[i];
            ProductState[] products = skinType == null
                    ? partition.all()
                    : rest
                            ? partition.unsuited()[skinType.ordinal()]
                            : partition.suiting()[skinType.ordinal()];
            visit(products, bound, search, best);
        }
    }

    /** One partition's products of a segment in sku order, as far as one of them could still beat the best. */
    private static void visit(ProductState[] products, double bound, Search search, Best best) {
        boolean partitionAllowed = false;
        for (ProductState product : products) {
            if (best.product != null && bound == best.score && product.sku().compareTo(best.product.sku()) >= 0) {
                return; // at best a tie, and the sku loses it
            }
            if (!partitionAllowed && !search.allowsGroupOf(product)) {
                return; // refused as a whole, by one of its products: asked only of the partitions a search reaches
            }
            partitionAllowed = true;
            if (!search.allows(product)) {
                continue;
            }
            double score = search.score(product);
            assert score <= bound : "bound " + bound + " below the score " + score + " of " + product.sku();
            if (best.product == null
                    || score > best.score
                    || (score == best.score && product.sku().compareTo(best.product.sku()) < 0)) {
                best.product = product;
                best.score = score;
            }
            if (score >= bound) {
                return; // the rest of the partition has larger skus and no higher score
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
     * Each group's products in price order, of the groups that may hold an allowed one, partition by partition: a
     * partition is left at its first allowed product, or as soon as its products cost more than the best found.
     */
    @Override
    public Optional<ProductState> cheapest(
            Category category,
            SkinType skinType,
            Predicate<Traits> mayHold,
            Predicate<ProductState> groupAllows,
            Predicate<ProductState> allowed) {
        ProductState best = null;
        for (Group group : available.get(category).groupsByLowestPrice()) {
            Members members = group.members();
            if (members.cheapest() == null) {
                continue; // emptied since the groups were ordered
            }
            if (best != null && !cheaper(members.cheapest(), best)) {
                break; // the groups after this one start at the same price or higher
            }
            if (!mayHold.test(group.ceiling)) {
                continue; // the group is refused as a whole
            }
            for (Partition partition : members.partitions()) {
                // of those that suit the skin type only: a partition with none of them costs one check, not a walk
                ProductState[] byPrice =
                        skinType == null ? partition.byPrice() : partition.suitingByPrice()[skinType.ordinal()];
                if (byPrice.length == 0 || !groupAllows.test(byPrice[0])) {
                    continue; // the partition is refused as a whole
                }
                for (ProductState product : byPrice) {
                    if (best != null && !cheaper(product, best)) {
                        break;
                    }
                    if (allowed.test(product)) {
                        best = product;
                        break;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@link #BY_PRICE} without its lambdas: this runs for every product a cheapest-search walks. */
    private static boolean cheaper(ProductState product, ProductState than) {
        int byPrice = product.price().amount().compareTo(than.price().amount());
        return byPrice < 0 || (byPrice == 0 && product.sku().compareTo(than.sku()) < 0);
    }

    /**
     * Groups that agree on what a search's bound reads of some concerns (a family), with a ceiling over all of them
     * ({@link Traits#upTo}): a search bounds the families first and the groups of only the families that can still
     * hold the best product. There are a few dozen families for a customer's one to three concerns, against hundreds
     * of groups per category.
     */
    private record Family(Traits ceiling, Group[] groups) {}

    /** A category's groups in the order of their lowest price, and the {@link CategoryIndex#changes} it was made at. */
    private record GroupsByPrice(long changes, Group[] groups) {}

    /** A category's families for one set of concerns, and the {@link CategoryIndex#shape} they were made from. */
    private record Families(long shape, Family[] families) {}

    /** One category's available products. A product is changed only under {@link #apply}'s per-sku lock. */
    private static final class CategoryIndex {
        /** Sets of concerns whose families are kept; past it the cache starts afresh (customers have 1 to 3 concerns). */
        private static final int FAMILY_SETS_KEPT = 512;

        private final Map<Object, Group> byKey = new ConcurrentHashMap<>();
        /** The same groups, for searches to read without a copy; replaced (rarely) when a group is added. */
        private volatile Group[] groups = new Group[0];
        /** All of them by price, for {@link #available}. */
        private final ConcurrentSkipListSet<ProductState> byPrice = new ConcurrentSkipListSet<>(BY_PRICE);
        /** Grows whenever a group is added or a ceiling grows: families made before are then made again. */
        private final AtomicLong shape = new AtomicLong();
        /** Grows with every product added or removed: the order of {@link #groupsByLowestPrice} is made again. */
        private final AtomicLong changes = new AtomicLong();

        private volatile GroupsByPrice byLowestPrice;
        private final Map<Integer, Families> families = new ConcurrentHashMap<>();

        void add(ProductState product) {
            Traits traits = Traits.of(product);
            boolean[] added = {false};
            Group group = byKey.computeIfAbsent(traits.key(), key -> {
                Group created = new Group(traits);
                synchronized (this) {
                    Group[] more = Arrays.copyOf(groups, groups.length + 1);
                    more[groups.length] = created;
                    groups = more;
                }
                added[0] = true;
                return created;
            });
            if (group.add(product, traits) || added[0]) {
                shape.incrementAndGet();
            }
            byPrice.add(product);
            changes.incrementAndGet();
        }

        /**
         * The groups that hold products, by their lowest price: a cheapest-search stops at the first group that starts
         * at the best price found. Made again on the first search after a change.
         */
        Group[] groupsByLowestPrice() {
            long current = changes.get(); // before the groups are read: a change during the making makes them again
            GroupsByPrice held = byLowestPrice;
            if (held != null && held.changes() == current) {
                return held.groups();
            }
            Group[] ordered = Arrays.stream(groups)
                    .filter(g -> g.members().cheapest() != null)
                    .sorted(Comparator.comparing((Group g) -> g.members().cheapest(), BY_PRICE))
                    .toArray(Group[]::new);
            byLowestPrice = new GroupsByPrice(current, ordered);
            return ordered;
        }

        /** The families of groups for searches whose bounds read these concerns (bit per concern ordinal). */
        Family[] families(int concerns) {
            long current = shape.get(); // before the groups are read: a change during the making makes them again
            Families held = families.get(concerns);
            if (held != null && held.shape() == current) {
                return held.families();
            }
            Map<Object, List<Group>> members = new LinkedHashMap<>();
            Map<Object, Traits> ceilings = new HashMap<>();
            for (Group group : groups) {
                Traits ceiling = group.ceiling;
                List<Object> key = new ArrayList<>();
                key.add(ceiling.hasSpf()); // what may be an evening moisturizer stays apart from what may not
                for (Concern concern : CONCERNS) {
                    if ((concerns & (1 << concern.ordinal())) != 0) {
                        key.add(ceiling.valueFor(concern));
                    }
                }
                members.computeIfAbsent(key, k -> new ArrayList<>()).add(group);
                ceilings.merge(key, ceiling, Traits::upTo);
            }
            Family[] made = members.entrySet().stream()
                    .map(e -> new Family(ceilings.get(e.getKey()), e.getValue().toArray(Group[]::new)))
                    .toArray(Family[]::new);
            if (families.size() >= FAMILY_SETS_KEPT) {
                families.clear();
            }
            families.put(concerns, new Families(current, made));
            return made;
        }

        void remove(ProductState product) {
            Group group = byKey.get(Traits.of(product).key());
            if (group != null) {
                group.remove(product);
            }
            byPrice.remove(product);
            changes.incrementAndGet();
        }
    }

    /**
     * Products of the same key, with their ceiling traits. Changes are made under the group's lock to sorted maps;
     * searches read each partition's arrays (in sku order: all, and per skin type those that suit it and those that do
     * not; by price), made
     * again on the first read after a change: reading an array is several times cheaper than walking a skip list,
     * and a group changes far less often than it is searched.
     */
    private static final class Group {
        private volatile Traits ceiling;
        /** How many products the group holds: every search asks it of every group it bounds. */
        private volatile int size;

        private final TreeMap<String, ProductState> bySku = new TreeMap<>();
        /** What searches read; null after a change until the next read makes it again. */
        private volatile Members members;

        Group(Traits first) {
            this.ceiling = first;
        }

        /** True when the group's ceiling grew. */
        synchronized boolean add(ProductState product, Traits traits) {
            Traits grown = ceiling.ceiling(traits); // two skus may join at once: the ceiling must hold both
            boolean grew = !grown.sameAs(ceiling);
            if (grew) {
                ceiling = grown;
            }
            bySku.put(product.sku(), product);
            size = bySku.size();
            members = null;
            return grew;
        }

        synchronized void remove(ProductState product) {
            if (bySku.remove(product.sku()) != null) {
                size = bySku.size();
                members = null;
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        Members members() {
            Members current = members;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (members == null) {
                    members = Members.of(bySku.values());
                }
                return members;
            }
        }
    }

    /**
     * A group's products in partitions of equal {@link PartitionKey}, each partition's key beside it (its exclusions
     * and currency at the same index), the cheapest of the products (null when the group is empty), and the smallest
     * sku of each segment (null when it is empty): a segment at best tied with the best found, or empty, is then left
     * without reading a partition.
     */
    private record Members(
            ProductState cheapest,
            int[] exclusions,
            String[] currencies,
            Partition[] partitions,
            String[] smallestSkus) {

        /**
         * Where a segment's smallest sku is in {@link #smallestSkus}: all products (no skin type given), those that suit
         * the skin type, or the rest.
         */
        static int segmentKind(SkinType skinType, boolean rest) {
            return skinType == null ? 0 : 1 + skinType.ordinal() + (rest ? SKIN_TYPES.length : 0);
        }

        static Members of(Collection<ProductState> inSkuOrder) {
            Map<PartitionKey, List<ProductState>> byKey = new LinkedHashMap<>();
            for (ProductState product : inSkuOrder) {
                byKey.computeIfAbsent(PartitionKey.of(product), k -> new ArrayList<>())
                        .add(product);
            }
            Partition[] partitions = byKey.entrySet().stream()
                    .map(e -> Partition.of(e.getValue()))
                    .toArray(Partition[]::new);
            ProductState cheapest = Arrays.stream(partitions)
                    .map(p -> p.byPrice()[0])
                    .min(BY_PRICE)
                    .orElse(null);
            // the partitions' bits side by side: a search reads them all, and the partitions it does not refuse
            int[] exclusions =
                    byKey.keySet().stream().mapToInt(PartitionKey::exclusions).toArray();
            String[] currencies =
                    byKey.keySet().stream().map(PartitionKey::currency).toArray(String[]::new);
            String[] smallestSkus = new String[1 + 2 * SKIN_TYPES.length];
            for (Partition partition : partitions) {
                smallestSkus[0] = smaller(smallestSkus[0], partition.all());
                for (SkinType type : SKIN_TYPES) {
                    int suiting = segmentKind(type, false);
                    int unsuited = segmentKind(type, true);
                    smallestSkus[suiting] =
                            smaller(smallestSkus[suiting], partition.suiting()[type.ordinal()]);
                    smallestSkus[unsuited] =
                            smaller(smallestSkus[unsuited], partition.unsuited()[type.ordinal()]);
                }
            }
            return new Members(cheapest, exclusions, currencies, partitions, smallestSkus);
        }

        /** The smaller of a sku and the first of products in sku order; null when neither is. */
        private static String smaller(String sku, ProductState[] inSkuOrder) {
            if (inSkuOrder.length == 0) {
                return sku;
            }
            String first = inSkuOrder[0].sku();
            return sku == null || first.compareTo(sku) < 0 ? first : sku;
        }
    }

    /**
     * What the customer's hard filters read of a product beyond a group's key and apart from strengths the policy sets
     * ceilings for: its {@link Exclusions} and its price's currency. Kept beside each partition, a search refuses it
     * from them ({@link Search#allowsPartition}) without reading a product; every product of a partition then passes
     * or fails {@link Search#allowsGroupOf} alike. In partitions rather than in the key, so that they cost a search one
     * check each in the groups it visits, not a bound each in every group of a family.
     */
    private record PartitionKey(int exclusions, String currency) {
        static PartitionKey of(ProductState product) {
            return new PartitionKey(Exclusions.of(product), product.price().currency());
        }
    }

    /**
     * A partition's products in sku order: all of them, and per skin type ordinal those that suit it and the others;
     * and by price: all of them, and per skin type ordinal those that suit it.
     */
    private record Partition(
            ProductState[] all,
            ProductState[][] suiting,
            ProductState[][] unsuited,
            ProductState[] byPrice,
            ProductState[][] suitingByPrice) {
        private static final ProductState[] NONE = new ProductState[0];

        static Partition of(List<ProductState> inSkuOrder) {
            ProductState[] all = inSkuOrder.toArray(NONE);
            ProductState[][] suiting = new ProductState[SKIN_TYPES.length][];
            ProductState[][] unsuited = new ProductState[SKIN_TYPES.length][];
            for (SkinType type : SKIN_TYPES) {
                suiting[type.ordinal()] = Arrays.stream(all)
                        .filter(p -> p.skinTypes().contains(type))
                        .toArray(ProductState[]::new);
                unsuited[type.ordinal()] = Arrays.stream(all)
                        .filter(p -> !p.skinTypes().contains(type))
                        .toArray(ProductState[]::new);
            }
            ProductState[] byPrice = all.clone();
            Arrays.sort(byPrice, BY_PRICE);
            ProductState[][] suitingByPrice = new ProductState[SKIN_TYPES.length][];
            for (SkinType type : SKIN_TYPES) {
                suitingByPrice[type.ordinal()] = Arrays.stream(byPrice)
                        .filter(p -> p.skinTypes().contains(type))
                        .toArray(ProductState[]::new);
            }
            return new Partition(all, suiting, unsuited, byPrice, suitingByPrice);
        }
    }
}
