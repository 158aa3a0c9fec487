package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.index.CatalogView;
import com.skincareshop.recommendation.engine.index.Search;
import com.skincareshop.recommendation.engine.index.Traits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The state of building one routine: what the customer needs, what the catalogue offers, and the products each step
 * has chosen so far. The steps ({@link SerumSelection}, {@link Companions}, {@link SunProtection}, {@link HandCare},
 * {@link Budget}) fill it in order; {@link Schedule} and {@link Explanations} read it.
 */
final class Build {

    /** A chosen serum and the customer's concerns it treats. */
    record Serum(ProductState product, Set<Concern> covered) {}

    /**
     * A warning before its text: the code and its named facts, which are also the arguments of its message in
     * their order ({@code {0}} the first).
     */
    record PendingWarning(WarningCode code, String messageKey, Map<String, Object> params) {

        Object[] arguments() {
            return params.values().toArray();
        }
    }

    final RoutinePolicy policy;
    final CustomerNeeds customer;
    final Eligibility eligibility;
    final CatalogView catalog;

    final List<Serum> serums = new ArrayList<>();
    boolean exfoliationWanted;
    ProductState exfoliant;
    ProductState amCleanser;
    ProductState pmCleanser;
    ProductState amMoisturizer;
    ProductState pmMoisturizer;
    /** The morning's sun protection: a sunscreen, or a moisturizer with SPF that is then both steps. */
    ProductState spf;
    /** Hands asked for beside the face, where the face's products do not cover them. */
    ProductState handSpf;

    ProductState handCare;

    final List<PendingWarning> warnings = new ArrayList<>();
    /** Slots left empty, and whether the budget emptied them. */
    final Map<Category, Boolean> unfilled = new LinkedHashMap<>();

    Build(RoutinePolicy policy, CustomerNeeds customer, CatalogView catalog) {
        this.policy = policy;
        this.customer = customer;
        this.eligibility = new Eligibility(policy, customer, customer.mainArea);
        this.catalog = catalog;
    }

    /** A search whose products must pass the hard filters of {@code eligibility} and {@code fit}. */
    Search search(
            Eligibility eligibility, Fit fit, ToDoubleFunction<ProductState> score, ToDoubleFunction<Traits> bound) {
        return new StepSearch(
                customer.answers.skinType(),
                customer.concernBits,
                eligibility::allowsExclusions,
                // the rest of the eligibility's part ({@link Eligibility#allowsGroupOf}) is the partition's bits
                p -> p.areas().contains(eligibility.area()) && fit.group().test(p),
                p -> eligibility.allows(p) && fit.test(p),
                score,
                bound);
    }

    /**
     * What of {@code eligibility} and {@code fit} every product of a partition of an index group passes or fails alike,
     * read from a product: for the cheapest-searches, which have no {@link Search#allowsPartition}.
     */
    static Predicate<ProductState> groupAllows(Eligibility eligibility, Fit fit) {
        Predicate<ProductState> group = fit.group();
        return p -> eligibility.allowsGroupOf(p) && group.test(p);
    }

    void warn(WarningCode code, Map<String, Object> params) {
        warnWithText(code, "warning." + code.name(), params);
    }

    void warnWithText(WarningCode code, String messageKey, Map<String, Object> params) {
        warnings.add(new PendingWarning(code, messageKey, params));
    }

    /** A warning's facts, in the order its message reads them: {@code params("targetSpf", 50, "givenSpf", 30)}. */
    static Map<String, Object> params(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a name for every value");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(params);
    }

    void unfilled(Category slot, boolean budget) {
        unfilled.putIfAbsent(slot, budget);
    }

    List<ProductState> serumProducts() {
        return serums.stream().map(Serum::product).toList();
    }

    /** The serums and the exfoliant: the products that may need nights of their own. */
    List<ProductState> treatments() {
        List<ProductState> treatments = new ArrayList<>(serumProducts());
        if (exfoliant != null) {
            treatments.add(exfoliant);
        }
        return treatments;
    }

    /** The products used every morning, or every evening, beside the treatments (null slots left out). */
    List<ProductState> everyDay(TimeOfDay time) {
        List<ProductState> products = new ArrayList<>();
        boolean handCareInTheEvening = handCare != null && HandCare.inTheEvening(handCare);
        List<ProductState> slots = time == TimeOfDay.AM
                ? Arrays.asList(
                        amCleanser,
                        spfIsMoisturizer() ? null : amMoisturizer,
                        spf,
                        handSpf,
                        handCareInTheEvening ? null : handCare)
                : Arrays.asList(pmCleanser, pmMoisturizer, handCareInTheEvening ? handCare : null);
        for (ProductState product : slots) {
            if (product != null) {
                products.add(product);
            }
        }
        return products;
    }

    boolean spfIsMoisturizer() {
        return spf != null && spf.category() == Category.MOISTURIZER;
    }

    /** Every distinct product in the routine, in a stable order. */
    List<ProductState> chosenProducts() {
        Map<String, ProductState> distinct = new LinkedHashMap<>();
        List<ProductState> all = new ArrayList<>();
        all.add(amCleanser);
        all.addAll(serumProducts());
        all.add(exfoliant);
        all.add(spfIsMoisturizer() ? null : amMoisturizer);
        all.add(spf);
        all.add(pmCleanser);
        all.add(pmMoisturizer);
        all.add(handSpf);
        all.add(handCare);
        for (ProductState product : all) {
            if (product != null) {
                distinct.putIfAbsent(product.sku(), product);
            }
        }
        return List.copyOf(distinct.values());
    }

    Money total() {
        BigDecimal sum = BigDecimal.ZERO;
        for (ProductState product : chosenProducts()) {
            sum = sum.add(product.price().amount());
        }
        return new Money(sum.setScale(2), policy.currency());
    }

    static boolean covers(ProductState product, Area area) {
        return product != null && product.areas().contains(area);
    }
}
