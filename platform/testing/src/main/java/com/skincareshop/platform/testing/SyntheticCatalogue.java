package com.skincareshop.platform.testing;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.catalog.Size;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A reproducible catalogue of any size, shaped like the demo one: the category mix, INCI lists with the
 * dictionary's actives at realistic strengths, skin types, areas, prices, some products out of stock or
 * discontinued. The engine benchmark (benchmarks/jmh) feeds it to the catalogue table directly; the load tools
 * (benchmarks/load) import it through catalog-service, so every product is valid as a merchandiser's input too.
 */
public final class SyntheticCatalogue {

    private static final String[][] ACTIVE_INCI = {
        {"Ascorbic Acid", "5", "20"}, {"Retinol", "0.1", "1"}, {"Palmitoyl Tripeptide-1", null, null},
        {"sh-Oligopeptide-1", null, null}, {"Sodium Hyaluronate", "0.5", "2"}, {"Glycolic Acid", "3", "10"},
        {"Salicylic Acid", "0.5", "2"}, {"Niacinamide", "2", "10"}, {"Camellia Sinensis Leaf Extract", null, null},
        {"Mica", null, null}, {"Benzoyl Peroxide", "2.5", "5"}, {"Linalool", null, null}
    };

    private SyntheticCatalogue() {}

    public static List<ProductState> generate(int size, long seed) {
        Random random = new Random(seed);
        List<ProductState> products = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Category category = category(random.nextInt(100));
            List<Ingredient> ingredients =
                    new ArrayList<>(List.of(new Ingredient("Aqua", null), new Ingredient("Glycerin", null)));
            int actives = category == Category.SERUM ? 1 + random.nextInt(3) : random.nextInt(2);
            for (int a = 0; a < actives; a++) {
                String[] inci = ACTIVE_INCI[random.nextInt(ACTIVE_INCI.length)];
                if (ingredients.stream().noneMatch(x -> x.inci().equals(inci[0]))) {
                    ingredients.add(new Ingredient(inci[0], percent(random, inci[1], inci[2])));
                }
            }
            List<ActiveStrength> derived = InciDictionary.derive(ingredients);
            Set<Concern> concerns = EnumSet.noneOf(Concern.class);
            concerns.add(Concern.values()[random.nextInt(Concern.values().length)]);
            Set<SkinType> skinTypes = random.nextInt(3) == 0
                    ? EnumSet.allOf(SkinType.class)
                    : EnumSet.of(SkinType.values()[random.nextInt(4)], SkinType.values()[random.nextInt(4)]);
            Set<Area> areas = random.nextInt(10) == 0
                    ? EnumSet.of(Area.HANDS)
                    : random.nextInt(5) == 0 ? EnumSet.of(Area.FACE, Area.HANDS) : EnumSet.of(Area.FACE);
            boolean photosensitizing =
                    derived.stream().anyMatch(a -> a.code() == Active.RETINOID || a.code() == Active.AHA);
            TimeOfDay time =
                    photosensitizing ? TimeOfDay.PM : category == Category.SUNSCREEN ? TimeOfDay.AM : TimeOfDay.ANY;
            Integer spf = null;
            if (category == Category.SUNSCREEN) {
                spf = new int[] {20, 30, 50, 60}[random.nextInt(4)];
            } else if (category == Category.MOISTURIZER && random.nextInt(5) == 0) {
                spf = 30;
            }
            ProductStatus status = random.nextInt(20) == 0 ? ProductStatus.DISCONTINUED : ProductStatus.ACTIVE;
            int stock = random.nextInt(15) == 0 ? 0 : 1 + random.nextInt(300);
            String sku = String.format("SYN-%s-%06d", category.name().substring(0, 3), i);
            Map<String, String> names = Map.of("en", sku + " en", "tl", sku + " tl", "lv", sku + " lv");
            BigDecimal price = BigDecimal.valueOf(800 + random.nextInt(6000), 2);
            products.add(new ProductState(
                    sku,
                    1,
                    status,
                    category,
                    "Synthetic",
                    names,
                    names,
                    ingredients,
                    derived,
                    derived.stream().anyMatch(a -> a.code() == Active.FRAGRANCE),
                    concerns,
                    skinTypes,
                    areas,
                    time,
                    spf,
                    ProductFormat.BOTTLE,
                    null,
                    new Size(new BigDecimal("30"), SizeUnit.ML),
                    new Money(price, "EUR"),
                    stock,
                    Instant.EPOCH,
                    InciDictionary.unrecognized(ingredients)));
        }
        return products;
    }

    private static Category category(int roll) {
        if (roll < 15) {
            return Category.CLEANSER;
        }
        if (roll < 22) {
            return Category.EXFOLIANT;
        }
        if (roll < 62) {
            return Category.SERUM;
        }
        if (roll < 85) {
            return Category.MOISTURIZER;
        }
        return Category.SUNSCREEN;
    }

    private static BigDecimal percent(Random random, String from, String to) {
        if (from == null) {
            return null;
        }
        double low = Double.parseDouble(from);
        double high = Double.parseDouble(to);
        return BigDecimal.valueOf(low + random.nextDouble() * (high - low))
                .setScale(1, RoundingMode.HALF_UP)
                .max(new BigDecimal("0.1"));
    }
}
