package com.skincareshop.catalog.domain;

import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.vocabulary.Locales;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules that span fields of a {@link ProductInput}. Pure: unit-tested without a container. */
public final class ProductRules {

    public static final int NAME_MAX = 120;
    public static final int DESCRIPTION_MAX = 2000;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** A broken rule: {@code field} is the JSON path the client sent. */
    public record Broken(String field, String message) {
    }

    private ProductRules() {
    }

    public static List<Broken> check(ProductInput product) {
        List<Broken> broken = new ArrayList<>();
        if (product.sku() != null && (product.sku().length() < 3 || product.sku().length() > 40)) {
            broken.add(new Broken("sku", ProductInput.SKU_RULE));
        }
        checkSpf(product, broken);
        checkTexts("names", product.names(), NAME_MAX, broken);
        checkTexts("descriptions", product.descriptions(), DESCRIPTION_MAX, broken);
        checkIngredients(product, broken);
        checkPrice(product, broken);
        return broken;
    }

    private static void checkSpf(ProductInput product, List<Broken> broken) {
        if (product.category() == null) {
            return;
        }
        if (product.spf() != null && !product.category().mayCarrySpf()) {
            broken.add(new Broken("spf", "only a SUNSCREEN or a MOISTURIZER carries an SPF, not a " + product.category()));
        }
        if (product.spf() == null && product.category().requiresSpf()) {
            broken.add(new Broken("spf", "a SUNSCREEN must state its SPF"));
        }
    }

    private static void checkTexts(String field, Map<String, String> texts, int max, List<Broken> broken) {
        if (texts == null) {
            return;
        }
        for (Map.Entry<String, String> text : texts.entrySet()) {
            String path = field + "." + text.getKey();
            if (!Locales.isSupported(text.getKey())) {
                broken.add(new Broken(path, "unsupported locale; use one of " + Locales.SUPPORTED));
            } else if (text.getValue() == null || text.getValue().isBlank()) {
                broken.add(new Broken(path, "must not be blank"));
            } else if (text.getValue().length() > max) {
                broken.add(new Broken(path, "must be at most " + max + " characters"));
            }
        }
        if (!texts.containsKey(Locales.ENGLISH)) {
            broken.add(new Broken(field + "." + Locales.ENGLISH, "English is required (other locales fall back to it)"));
        }
    }

    private static void checkIngredients(ProductInput product, List<Broken> broken) {
        if (product.ingredients() == null) {
            return;
        }
        // by the dictionary's key, so that two spellings or synonyms of one ingredient ("Aqua", "Water") are one
        Map<String, Integer> seen = new HashMap<>();
        BigDecimal declared = BigDecimal.ZERO;
        for (int i = 0; i < product.ingredients().size(); i++) {
            ProductInput.IngredientInput ingredient = product.ingredients().get(i);
            if (ingredient == null || ingredient.inci() == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(InciDictionary.normalize(ingredient.inci()), i);
            if (first != null) {
                broken.add(new Broken("ingredients[" + i + "].inci",
                        "is listed twice: ingredients[" + first + "] names the same ingredient"));
            }
            if (ingredient.percent() != null) {
                declared = declared.add(ingredient.percent());
            }
        }
        if (declared.compareTo(HUNDRED) > 0) {
            broken.add(new Broken("ingredients", "declared percentages add up to " + declared.stripTrailingZeros()
                    .toPlainString() + "%, more than 100%"));
        }
    }

    private static void checkPrice(ProductInput product, List<Broken> broken) {
        ProductInput.PriceInput price = product.price();
        if (price == null || price.currency() == null || !price.currency().matches("^[A-Z]{3}$")) {
            return; // the field annotations already report it
        }
        Currency currency = currencyOf(price.currency());
        if (currency == null || currency.getDefaultFractionDigits() < 0) {
            broken.add(new Broken("price.currency", "is not an ISO 4217 currency"));
            return;
        }
        if (price.amount() != null && price.amount().stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            broken.add(new Broken("price.amount", "has more decimals than " + currency.getCurrencyCode() + " allows ("
                    + currency.getDefaultFractionDigits() + ")"));
        }
    }

    static Currency currencyOf(String code) {
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getCurrencyCode().equals(code))
                .findFirst()
                .orElse(null);
    }
}
