package com.skincareshop.catalog.domain;

import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.validation.Decimals;
import com.skincareshop.contracts.validation.ViolationList;
import com.skincareshop.contracts.vocabulary.Locales;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules that span fields of a {@link ProductInput}. Pure: unit-tested without a container. */
public final class ProductRules {

    public static final int NAME_MAX = 120;
    public static final int DESCRIPTION_MAX = 2000;
    /** The decimals a price is stored with, whatever its currency allows. */
    public static final int PRICE_DECIMALS = 2;

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final Pattern CURRENCY_CODE = Pattern.compile(ProductInput.PriceInput.CURRENCY_PATTERN);

    /** A broken rule: {@code field} is the JSON path the client sent. */
    public record Broken(String field, String message) {}

    private ProductRules() {}

    public static List<Broken> check(ProductInput product) {
        List<Broken> broken = new ArrayList<>();
        if (product.sku() != null
                && (product.sku().length() < 3 || product.sku().length() > 40)) {
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
            broken.add(
                    new Broken("spf", "only a SUNSCREEN or a MOISTURIZER carries an SPF, not a " + product.category()));
        }
        if (product.spf() == null && product.category().requiresSpf()) {
            broken.add(new Broken("spf", "a SUNSCREEN must state its SPF"));
        }
    }

    private static void checkTexts(String field, Map<String, String> texts, int max, List<Broken> broken) {
        if (texts == null) {
            return;
        }
        if (texts.size() > ViolationList.MAX_LISTED) {
            broken.add(new Broken(field, "at most one text for each of " + Locales.SUPPORTED));
            return; // more entries than could be listed: one violation for the map, none of them looked at
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
            broken.add(
                    new Broken(field + "." + Locales.ENGLISH, "English is required (other locales fall back to it)"));
        }
    }

    private static void checkIngredients(ProductInput product, List<Broken> broken) {
        if (product.ingredients() == null || product.ingredients().size() > ProductInput.MAX_INGREDIENTS) {
            return; // the size constraint reports a list too long, whose elements are not looked at
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
                broken.add(new Broken(
                        "ingredients[" + i + "].inci",
                        "is listed twice: ingredients[" + first + "] names the same ingredient"));
            }
            declared = declared.add(summable(ingredient.percent()));
        }
        if (declared.compareTo(HUNDRED) > 0) {
            broken.add(new Broken(
                    "ingredients",
                    "declared percentages add up to "
                            + declared.stripTrailingZeros().toPlainString() + "%, more than 100%"));
        }
    }

    /**
     * A percentage the field constraints accept (0 to 100, four decimals at most), else nothing: those report it, and
     * a sum with a number of absurd scale (1e-10000000) would cost seconds.
     */
    private static BigDecimal summable(BigDecimal percent) {
        if (percent == null || percent.scale() > 4 || percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            return BigDecimal.ZERO;
        }
        return percent;
    }

    private static void checkPrice(ProductInput product, List<Broken> broken) {
        ProductInput.PriceInput price = product.price();
        if (price == null
                || price.currency() == null
                || !CURRENCY_CODE.matcher(price.currency()).matches()) {
            return; // the field annotations already report it
        }
        Currency currency = currencyOf(price.currency());
        if (currency == null || currency.getDefaultFractionDigits() < 0) {
            broken.add(new Broken("price.currency", "is not an ISO 4217 currency"));
            return;
        }
        if (price.amount() == null || !Decimals.withinBounds(price.amount())) {
            return; // none, or beyond any sensible size, which the JSON reader refuses (StrictJson)
        }
        int decimals = price.amount().stripTrailingZeros().scale();
        if (decimals > currency.getDefaultFractionDigits()) {
            broken.add(new Broken(
                    "price.amount",
                    "has more decimals than " + currency.getCurrencyCode() + " allows ("
                            + currency.getDefaultFractionDigits() + ")"));
        } else if (decimals > PRICE_DECIMALS) {
            broken.add(new Broken(
                    "price.amount", "has more than " + PRICE_DECIMALS + " decimals, the most a price is stored with"));
        }
    }

    static Currency currencyOf(String code) {
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getCurrencyCode().equals(code))
                .findFirst()
                .orElse(null);
    }
}
