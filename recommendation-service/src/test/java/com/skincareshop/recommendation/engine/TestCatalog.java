package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.catalog.Size;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.engine.index.CatalogView;
import com.skincareshop.recommendation.engine.index.FullScanCatalog;
import com.skincareshop.recommendation.engine.index.Search;
import com.skincareshop.recommendation.engine.index.Traits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Small catalogues and answers built in the tests, the way the catalogue would publish them. */
public final class TestCatalog implements CatalogView {

    private final List<ProductState> products = new ArrayList<>();

    public static TestCatalog of(ProductState... products) {
        TestCatalog catalog = new TestCatalog();
        catalog.products.addAll(Arrays.asList(products));
        return catalog;
    }

    /** A catalogue that can fill every slot for a normal customer: the baseline the tests add to. */
    static TestCatalog basics(ProductState... more) {
        TestCatalog catalog = of(
                product("CLN-BASIC", Category.CLEANSER, "9.00").build(),
                product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                product("SUN-30", Category.SUNSCREEN, "14.00")
                        .spf(30)
                        .timeOfDay(TimeOfDay.AM)
                        .build());
        catalog.products.addAll(Arrays.asList(more));
        return catalog;
    }

    TestCatalog with(ProductState... more) {
        products.addAll(Arrays.asList(more));
        return this;
    }

    List<ProductState> products() {
        return products;
    }

    /**
     * The index's answer, checked against the full scan's on every question: each engine test also tests that
     * {@link CatalogTable} answers as {@link FullScanCatalog} does.
     */
    @Override
    public Optional<ProductState> best(Category category, Search search) {
        return agreed(index().best(category, search), new FullScanCatalog(products).best(category, search), category);
    }

    @Override
    public Optional<ProductState> cheapest(
            Category category,
            SkinType skinType,
            Predicate<Traits> mayHold,
            Predicate<ProductState> groupAllows,
            Predicate<ProductState> allowed) {
        return agreed(
                index().cheapest(category, skinType, mayHold, groupAllows, allowed),
                new FullScanCatalog(products).cheapest(category, skinType, mayHold, groupAllows, allowed),
                category);
    }

    private CatalogTable index() {
        CatalogTable table = new CatalogTable();
        products.forEach(table::apply);
        return table;
    }

    private static Optional<ProductState> agreed(
            Optional<ProductState> indexed, Optional<ProductState> scanned, Category category) {
        // the same sku at the same version: the index holds its engine view (no descriptions), which is what the
        // engine then works on, as in the service
        if (!indexed.map(p -> p.sku() + "@" + p.version()).equals(scanned.map(p -> p.sku() + "@" + p.version()))) {
            throw new AssertionError("the index answered " + indexed.map(ProductState::sku) + " for " + category
                    + ", the full scan " + scanned.map(ProductState::sku));
        }
        return indexed;
    }

    public static Builder product(String sku, Category category, String price) {
        return new Builder(sku, category, price);
    }

    public static final class Builder {
        private String sku;
        private final Category category;
        private String price;
        private final List<Ingredient> ingredients = new ArrayList<>(List.of(new Ingredient("Aqua", null)));
        private Set<Concern> concerns = EnumSet.noneOf(Concern.class);
        private Set<SkinType> skinTypes = EnumSet.allOf(SkinType.class);
        private Set<Area> areas = EnumSet.of(Area.FACE);
        private TimeOfDay timeOfDay = TimeOfDay.ANY;
        private Integer spf;
        private String currency = "EUR";
        private int stock = 10;
        private long version = 1;
        private ProductStatus status = ProductStatus.ACTIVE;
        private ProductFormat format = ProductFormat.BOTTLE;
        private Size size = new Size(new BigDecimal("30"), SizeUnit.ML);

        Builder(String sku, Category category, String price) {
            this.sku = sku;
            this.category = category;
            this.price = price;
        }

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder price(String price) {
            this.price = price;
            return this;
        }

        public Builder inci(String name, String percent) {
            ingredients.add(new Ingredient(name, percent == null ? null : new BigDecimal(percent)));
            return this;
        }

        public Builder concerns(Concern... concerns) {
            this.concerns = EnumSet.copyOf(Arrays.asList(concerns));
            return this;
        }

        public Builder skinTypes(SkinType... types) {
            this.skinTypes = EnumSet.copyOf(Arrays.asList(types));
            return this;
        }

        public Builder areas(Area... areas) {
            this.areas = EnumSet.copyOf(Arrays.asList(areas));
            return this;
        }

        public Builder timeOfDay(TimeOfDay time) {
            this.timeOfDay = time;
            return this;
        }

        public Builder spf(int spf) {
            this.spf = spf;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder stock(int stock) {
            this.stock = stock;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder format(ProductFormat format) {
            this.format = format;
            return this;
        }

        public Builder size(String amount, SizeUnit unit) {
            this.size = new Size(new BigDecimal(amount), unit);
            return this;
        }

        public Builder discontinued() {
            this.status = ProductStatus.DISCONTINUED;
            return this;
        }

        public ProductState build() {
            Map<String, String> names = Map.of("en", sku + " (en)", "tl", sku + " (tl)", "lv", sku + " (lv)");
            List<ActiveStrength> actives = InciDictionary.derive(ingredients);
            boolean fragrance = actives.stream().anyMatch(a -> a.code() == Active.FRAGRANCE);
            return new ProductState(
                    sku,
                    version,
                    status,
                    category,
                    "Test",
                    names,
                    names,
                    List.copyOf(ingredients),
                    actives,
                    fragrance,
                    concerns,
                    skinTypes,
                    areas,
                    timeOfDay,
                    spf,
                    format,
                    null,
                    size,
                    new Money(new BigDecimal(price), currency),
                    stock,
                    Instant.parse("2026-11-01T00:00:00Z"),
                    InciDictionary.unrecognized(ingredients));
        }
    }

    /** The API documentation's example customer, to vary per test. */
    static AnswersBuilder answers() {
        return new AnswersBuilder();
    }

    static final class AnswersBuilder {
        SkinType skinType = SkinType.NORMAL;
        boolean sensitive;
        AgeBand ageBand = AgeBand.AGE_25_34;
        List<Concern> concerns = List.of(Concern.DARK_SPOTS);
        BigDecimal sunHours = BigDecimal.ONE;
        boolean pregnant;
        List<String> avoid = List.of();
        List<Area> areas = List.of(Area.FACE);
        Money budget;

        AnswersBuilder skinType(SkinType type) {
            skinType = type;
            return this;
        }

        AnswersBuilder sensitive() {
            sensitive = true;
            return this;
        }

        AnswersBuilder age(AgeBand band) {
            ageBand = band;
            return this;
        }

        AnswersBuilder concerns(Concern... concerns) {
            this.concerns = List.of(concerns);
            return this;
        }

        AnswersBuilder sunHours(int hours) {
            sunHours = BigDecimal.valueOf(hours);
            return this;
        }

        AnswersBuilder pregnant() {
            pregnant = true;
            return this;
        }

        AnswersBuilder avoid(String... names) {
            avoid = List.of(names);
            return this;
        }

        AnswersBuilder areas(Area... areas) {
            this.areas = List.of(areas);
            return this;
        }

        AnswersBuilder budget(String amount, String currency) {
            budget = new Money(new BigDecimal(amount), currency);
            return this;
        }

        Answers build() {
            return new Answers(skinType, sensitive, ageBand, concerns, sunHours, pregnant, avoid, areas, budget, false);
        }
    }

    static Map<String, String> names(String en) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("en", en);
        return names;
    }
}
