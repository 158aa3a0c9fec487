package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.recommendation.engine.Routine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the marketing pipeline sees of an issued routine, reduced to a digest, and why a rebuilt routine differs
 * from the one issued. A rebuilt routine is re-issued only when its digest differs: the steps (time, slot, sku in
 * order), the total, and each product's price, INCI list (names and percentages in label order) and SPF. A change
 * to anything else of a product (its names, descriptions, brand, size, format, texture) leaves the digest as it
 * was: the stored versions move on and nothing is issued. Plain Java: the digest and the cause depend on the
 * products alone, never on the customer's answers.
 */
public final class IssuedContent {

    /**
     * A product of an issued routine as the drift compares it: the catalogue version last evaluated, and the price
     * and INCI digest it was issued with (null for a routine issued before they were kept).
     */
    public record Product(
            String sku, long version, BigDecimal priceAmount, String priceCurrency, String ingredientsDigest) {}

    private final String digest;
    private final String stepsDigest;
    private final Map<String, Product> products;
    private final boolean empty;

    private IssuedContent(String digest, String stepsDigest, Map<String, Product> products, boolean empty) {
        this.digest = digest;
        this.stepsDigest = stepsDigest;
        this.products = products;
        this.empty = empty;
    }

    /**
     * The content of a routine just built from {@code catalogue}. The version is the step's (what the routine was
     * built from); the price and INCI list are the catalogue's product, read again (a change in between is a newer
     * version, which the drift evaluates again).
     */
    public static IssuedContent of(Routine routine, Function<String, Optional<ProductState>> catalogue) {
        StringBuilder canonical = new StringBuilder();
        Map<String, Product> products = new LinkedHashMap<>();
        List<Routine.Step> steps = new ArrayList<>();
        routine.am().forEach(step -> canonical.append(line("AM", step)));
        routine.pm().forEach(step -> canonical.append(line("PM", step)));
        steps.addAll(routine.am());
        steps.addAll(routine.pm());
        canonical.append("total|").append(money(routine.total())).append('\n');
        String stepsDigest = sha256(canonical.toString());
        for (Routine.Step step : steps) {
            long version = step.product().version();
            products.computeIfAbsent(step.product().sku(), sku -> {
                ProductState built = catalogue.apply(sku).orElse(null);
                return built == null
                        ? new Product(sku, version, null, null, null)
                        : new Product(
                                sku,
                                version,
                                built.price().amount(),
                                built.price().currency(),
                                ingredientsDigest(built));
            });
        }
        products.values().stream()
                .sorted(Comparator.comparing(Product::sku))
                .forEach(p -> canonical
                        .append("product|")
                        .append(p.sku())
                        .append('|')
                        .append(plain(p.priceAmount()))
                        .append('|')
                        .append(p.priceCurrency())
                        .append('|')
                        .append(p.ingredientsDigest())
                        .append('\n'));
        return new IssuedContent(sha256(canonical.toString()), stepsDigest, Map.copyOf(products), steps.isEmpty());
    }

    /** The digest of the marketing-relevant content: equal digests, nothing to re-issue. */
    public String digest() {
        return digest;
    }

    /** The digest of the steps and the total alone, which a stored snapshot also gives ({@link #stepsDigest(JsonNode)}). */
    public String stepsDigest() {
        return stepsDigest;
    }

    /**
     * {@link #stepsDigest()} of a routine as stored in {@code recommendation_snapshot}: a routine issued before the
     * prices and INCI lists were kept is re-issued only if its steps or total differ.
     */
    public static String stepsDigest(JsonNode routine) {
        StringBuilder canonical = new StringBuilder();
        for (String time : List.of("AM", "PM")) {
            for (JsonNode step : routine.path(time.toLowerCase(Locale.ROOT))) {
                canonical
                        .append(time)
                        .append('|')
                        .append(step.path("slot").asText())
                        .append('|')
                        .append(step.path("product").path("sku").asText())
                        .append('\n');
            }
        }
        JsonNode total = routine.path("total");
        canonical
                .append("total|")
                .append(
                        total.isMissingNode() || total.isNull()
                                ? "-"
                                : plain(new BigDecimal(total.path("amount").asText()))
                                        + '|'
                                        + total.path("currency").asText())
                .append('\n');
        return sha256(canonical.toString());
    }

    /** The distinct products of the routine, by sku. */
    public Map<String, Product> products() {
        return products;
    }

    /** Nothing can be recommended: a re-issue is the withdrawal tombstone. */
    public boolean empty() {
        return empty;
    }

    /** The INCI list in label order with its percentages, and the SPF: what every safety rule reads. */
    public static String ingredientsDigest(ProductState product) {
        StringBuilder canonical = new StringBuilder();
        for (Ingredient ingredient : product.ingredients()) {
            canonical
                    .append(ingredient.inci())
                    .append('|')
                    .append(plain(ingredient.percent()))
                    .append('\n');
        }
        canonical.append("spf|").append(product.spf());
        return sha256(canonical.toString());
    }

    /**
     * Why a routine built again differs from the one issued, from the products it was issued with: the first of
     * discontinued (or deleted), out of stock, INCI list, price over all of them; {@code otherwise} when none of
     * them changed in those ways (the routine changed for another reason: a product's concerns, a product added).
     */
    public static Cause cause(
            Collection<Product> issued, Function<String, Optional<ProductState>> catalogue, Cause otherwise) {
        Cause found = null;
        for (Product product : issued) {
            Cause cause = cause(product, catalogue.apply(product.sku()).orElse(null));
            if (cause != null && (found == null || cause.ordinal() < found.ordinal())) {
                found = cause;
            }
        }
        return found != null ? found : otherwise;
    }

    private static Cause cause(Product issued, ProductState now) {
        if (now == null || now.status() != ProductStatus.ACTIVE) {
            return Cause.DISCONTINUED;
        }
        if (now.stock() <= 0) {
            return Cause.OUT_OF_STOCK;
        }
        if (issued.ingredientsDigest() != null && !issued.ingredientsDigest().equals(ingredientsDigest(now))) {
            return Cause.INGREDIENTS;
        }
        if (issued.priceAmount() != null
                && (issued.priceAmount().compareTo(now.price().amount()) != 0
                        || !issued.priceCurrency().equals(now.price().currency()))) {
            return Cause.PRICE;
        }
        return null;
    }

    private static String line(String time, Routine.Step step) {
        return time + '|' + step.slot() + '|' + step.product().sku() + '\n';
    }

    private static String money(Money money) {
        return money == null ? "-" : plain(money.amount()) + '|' + money.currency();
    }

    /** 12.5 and 12.50 are one price. */
    private static String plain(BigDecimal number) {
        return number == null ? "-" : number.stripTrailingZeros().toPlainString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
