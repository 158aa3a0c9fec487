package com.skincareshop.recommendation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.engine.index.FullScanCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The indexed catalogue must change nothing: on random catalogues and customers, the engine builds the same
 * routine from {@link CatalogTable} as from {@link FullScanCatalog}. The catalogues are small and dense in ties
 * (few prices, strengths on the thresholds, overlapping traits) so that the index's early stops are exercised.
 */
class IndexedCatalogueEquivalenceTest {

    /** INCI names with strengths on both sides of every threshold the rules use; null: strength not declared. */
    private static final Object[][] ACTIVES = {
        {"Ascorbic Acid", new String[] {"5", "7", "10", "15", "25", null}},
        {"Retinol", new String[] {"0.1", "0.3", "0.5", "1.5", null}},
        {"Retinal", new String[] {"0.05", "0.3"}},
        {"Palmitoyl Tripeptide-1", new String[] {null}},
        {"sh-Oligopeptide-1", new String[] {null}},
        {"Sodium Hyaluronate", new String[] {"1", null}},
        {"Glycolic Acid", new String[] {"3", "5", "8", "12"}},
        {"Lactic Acid", new String[] {"5", "10"}},
        {"Salicylic Acid", new String[] {"0.5", "1", "2", "3", null}},
        {"Niacinamide", new String[] {"2", "4", "10", "12"}},
        {"Camellia Sinensis Leaf Extract", new String[] {null}},
        {"Mica", new String[] {null}},
        {"Benzoyl Peroxide", new String[] {"2.5", "5"}},
        {"Parfum", new String[] {null}},
        {"Linalool", new String[] {null}}
    };

    private static final String[] PRICES = {"5.00", "9.90", "12.00", "20.00", "20.00", "35.00", "60.00"};
    private static final String[] AVOIDABLE = {
        "Fragrance", "Retinol", "Salicylic Acid", "niacinamide", "AHA", "Glycolic Acid", "vitamin c", "Mica"
    };

    private final RoutineEngine engine = new RoutineEngine(RoutinePolicy.defaults());

    @Test
    void theIndexBuildsTheRoutinesTheFullScanBuilds() {
        for (long seed = 1; seed <= 1500; seed++) {
            Random random = new Random(seed);
            List<ProductState> products = catalogue(random, 10 + random.nextInt(190));
            CatalogTable table = new CatalogTable();
            products.forEach(table::apply);
            FullScanCatalog fullScan = new FullScanCatalog(products);
            for (int customer = 0; customer < 4; customer++) {
                Answers answers = answers(random);
                String locale = List.of("en", "lv", "tl").get(random.nextInt(3));
                // every other customer with the storefront's detail: the alternatives are searches of their own
                RoutineEngine.Detail detail =
                        customer % 2 == 0 ? RoutineEngine.Detail.ESSENTIAL : RoutineEngine.Detail.FULL;
                Routine indexed = engine.build("c-" + seed, seed, answers, locale, table, detail);
                Routine scanned = engine.build("c-" + seed, seed, answers, locale, fullScan, detail);
                assertThat(indexed).as("seed %d, customer %d", seed, customer).isEqualTo(scanned);
            }
        }
    }

    @Test
    void updatesAndRemovalsKeepTheIndexInStep() {
        Random random = new Random(99);
        List<ProductState> products = new ArrayList<>(catalogue(random, 150));
        CatalogTable table = new CatalogTable();
        products.forEach(table::apply);
        for (int round = 0; round < 300; round++) {
            int i = random.nextInt(products.size());
            ProductState old = products.get(i);
            if (random.nextInt(10) == 0) {
                table.remove(old.sku());
                products.remove(i);
            } else {
                ProductState changed = product(random, old.sku(), old.version() + 1);
                table.apply(changed);
                products.set(i, changed);
            }
            Answers answers = answers(random);
            assertThat(engine.build("c", 1L, answers, "en", table))
                    .as("round %d", round)
                    .isEqualTo(engine.build("c", 1L, answers, "en", new FullScanCatalog(products)));
        }
    }

    private static List<ProductState> catalogue(Random random, int size) {
        List<ProductState> products = new ArrayList<>();
        Set<String> skus = new LinkedHashSet<>();
        while (skus.size() < size) {
            skus.add("P" + (100 + random.nextInt(900)));
        }
        for (String sku : skus) {
            products.add(product(random, sku, 1));
        }
        return products;
    }

    private static ProductState product(Random random, String sku, long version) {
        Category category = Category.values()[random.nextInt(Category.values().length)];
        TestCatalog.Builder product = TestCatalog.product(sku, category, PRICES[random.nextInt(PRICES.length)])
                .version(version)
                .skinTypes(some(random, SkinType.values(), 4, 1).toArray(SkinType[]::new))
                .areas(List.of(new Area[] {Area.FACE}, new Area[] {Area.HANDS}, new Area[] {Area.FACE, Area.HANDS})
                        .get(random.nextInt(3)))
                .timeOfDay(TimeOfDay.values()[random.nextInt(TimeOfDay.values().length)]);
        List<Concern> declared = some(random, Concern.values(), 3);
        if (!declared.isEmpty()) {
            product.concerns(declared.toArray(Concern[]::new));
        }
        int actives = random.nextInt(category == Category.SERUM ? 4 : 2);
        for (int a = 0; a < actives; a++) {
            Object[] active = ACTIVES[random.nextInt(ACTIVES.length)];
            String[] strengths = (String[]) active[1];
            product.inci((String) active[0], strengths[random.nextInt(strengths.length)]);
        }
        if (category == Category.SUNSCREEN || (category == Category.MOISTURIZER && random.nextBoolean())) {
            product.spf(new int[] {15, 20, 30, 50, 60}[random.nextInt(5)]);
        }
        if (random.nextInt(15) == 0) {
            product.currency("USD");
        }
        if (random.nextInt(10) == 0) {
            product.stock(0);
        }
        if (random.nextInt(12) == 0) {
            product.discontinued();
        }
        return product.build();
    }

    private static Answers answers(Random random) {
        TestCatalog.AnswersBuilder answers = TestCatalog.answers()
                .skinType(random.nextInt(6) == 0 ? null : SkinType.values()[random.nextInt(SkinType.values().length)])
                .age(AgeBand.values()[random.nextInt(AgeBand.values().length)])
                .concerns(some(random, Concern.values(), 4, 1).toArray(Concern[]::new))
                .sunHours(random.nextInt(8))
                .avoid(some(random, AVOIDABLE, 2).toArray(String[]::new))
                .areas(List.of(new Area[] {Area.FACE}, new Area[] {Area.HANDS}, new Area[] {Area.FACE, Area.HANDS})
                        .get(random.nextInt(3)));
        if (random.nextInt(4) == 0) {
            answers.sensitive();
        }
        if (random.nextInt(5) == 0) {
            answers.pregnant();
        }
        if (random.nextBoolean()) { // low budgets take the engine through every cut it can make
            answers.budget(String.valueOf(10 + random.nextInt(170)), random.nextInt(10) == 0 ? "USD" : "EUR");
        }
        return answers.build();
    }

    private static <T> List<T> some(Random random, T[] values, int most) {
        return some(random, values, most, 0);
    }

    /** Between {@code least} and {@code most} distinct values, in random order. */
    private static <T> List<T> some(Random random, T[] values, int most, int least) {
        List<T> shuffled = new ArrayList<>(Arrays.asList(values));
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, least + random.nextInt(most - least + 1));
    }
}
