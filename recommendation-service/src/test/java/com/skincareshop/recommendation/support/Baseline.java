package com.skincareshop.recommendation.support;

import static com.skincareshop.recommendation.engine.TestCatalog.product;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A small face catalogue every integration test can rely on: one product per slot and a few serums. It has no
 * SPF 60, so a customer in the sun half the day gets its highest, SPF 30, and a warning.
 */
public final class Baseline {

    public static final List<ProductState> PRODUCTS = List.of(
            product("B-CLN", Category.CLEANSER, "10.00").build(),
            product("B-MST", Category.MOISTURIZER, "16.00").build(),
            product("B-SUN30", Category.SUNSCREEN, "15.00")
                    .spf(30)
                    .timeOfDay(TimeOfDay.AM)
                    .build(),
            product("B-SER-C15", Category.SERUM, "32.00")
                    .inci("Ascorbic Acid", "15")
                    .concerns(Concern.DARK_SPOTS)
                    .timeOfDay(TimeOfDay.AM)
                    .build(),
            product("B-SER-RET", Category.SERUM, "36.00")
                    .inci("Retinol", "0.3")
                    .timeOfDay(TimeOfDay.PM)
                    .build(),
            product("B-SER-NIA", Category.SERUM, "21.00")
                    .inci("Niacinamide", "10")
                    .build(),
            product("B-SER-HA", Category.SERUM, "19.00")
                    .inci("Sodium Hyaluronate", "1")
                    .build(),
            product("B-EXF-BHA", Category.EXFOLIANT, "17.00")
                    .inci("Salicylic Acid", "2")
                    .build());

    private static volatile boolean published;

    private Baseline() {}

    /** Publishes the baseline once per test run and waits until the service's table holds it. */
    public static synchronized void ensure(KafkaBroker broker, ObjectMapper json, CatalogTable table) {
        if (!published) {
            try (Publisher publisher = new Publisher(broker, json)) {
                PRODUCTS.forEach(publisher::product);
            }
            published = true;
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> PRODUCTS.stream().allMatch(p -> table.find(p.sku()).isPresent()));
    }

    /** The next version of a product with another status, stock or price, as catalog-service would publish it. */
    public static ProductState changed(ProductState p, ProductStatus status, int stock, String price) {
        return new ProductState(
                p.sku(),
                p.version() + 1,
                status,
                p.category(),
                p.brand(),
                p.names(),
                p.descriptions(),
                p.ingredients(),
                p.actives(),
                p.containsFragrance(),
                p.concerns(),
                p.skinTypes(),
                p.areas(),
                p.timeOfDay(),
                p.spf(),
                p.format(),
                p.texture(),
                p.size(),
                new Money(new BigDecimal(price), p.price().currency()),
                stock,
                p.updatedAt(),
                p.unrecognizedIngredients());
    }

    public static Map<String, ProductState> bySku() {
        return PRODUCTS.stream().collect(Collectors.toMap(ProductState::sku, p -> p));
    }
}
