package com.skincareshop.recommendation.domain;

import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutinePolicy;
import com.skincareshop.recommendation.engine.TestCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The re-issue rule: what marketing sees of a routine, and the cause named when it changes. */
class IssuedContentTest {

    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final RoutineEngine engine = new RoutineEngine(RoutinePolicy.defaults());
    private static final Answers CUSTOMER = new Answers(
            SkinType.NORMAL,
            false,
            AgeBand.AGE_25_34,
            List.of(Concern.DEHYDRATION),
            BigDecimal.ONE,
            false,
            List.of(),
            List.of(Area.FACE),
            null,
            true);

    private static final ProductState CLEANSER =
            product("CLN", Category.CLEANSER, "9.00").build();
    private static final ProductState SUNSCREEN = product("SUN", Category.SUNSCREEN, "14.00")
            .spf(30)
            .timeOfDay(TimeOfDay.AM)
            .build();
    private static final ProductState SERUM = product("SER-HA", Category.SERUM, "20.00")
            .inci("Sodium Hyaluronate", "1")
            .build();

    @Test
    void aCopyOnlyChangeKeepsTheContentAndAPriceOrInciChangeDoesNot() {
        IssuedContent issued = content(CLEANSER, SUNSCREEN, SERUM);

        ProductState renamed = new ProductState(
                SERUM.sku(),
                SERUM.version() + 1,
                SERUM.status(),
                SERUM.category(),
                "Another brand",
                Map.of("en", "A new name"),
                Map.of("en", "A new description"),
                SERUM.ingredients(),
                SERUM.actives(),
                SERUM.containsFragrance(),
                SERUM.concerns(),
                SERUM.skinTypes(),
                SERUM.areas(),
                SERUM.timeOfDay(),
                SERUM.spf(),
                SERUM.format(),
                SERUM.texture(),
                SERUM.size(),
                SERUM.price(),
                SERUM.stock() + 5,
                SERUM.updatedAt(),
                SERUM.unrecognizedIngredients());
        IssuedContent afterCopy = content(CLEANSER, SUNSCREEN, renamed);
        assertThat(afterCopy.digest()).isEqualTo(issued.digest());
        assertThat(afterCopy.products().get("SER-HA").version())
                .as("the versions move on")
                .isEqualTo(2);

        assertThat(content(CLEANSER, SUNSCREEN, priced(SERUM, "21.00")).digest())
                .isNotEqualTo(issued.digest());
        assertThat(content(CLEANSER, SUNSCREEN, priced(SERUM, "20.0")).digest())
                .as("the same price")
                .isEqualTo(issued.digest());
        assertThat(content(CLEANSER, SUNSCREEN, withInci(SERUM, "Sodium Hyaluronate", "2"))
                        .digest())
                .isNotEqualTo(issued.digest());
        ProductState spf50 = product("SUN", Category.SUNSCREEN, "14.00")
                .spf(50)
                .timeOfDay(TimeOfDay.AM)
                .version(2)
                .build();
        assertThat(content(CLEANSER, spf50, SERUM).digest()).as("the SPF").isNotEqualTo(issued.digest());
    }

    @Test
    void theCauseIsTheFirstOfDiscontinuedOutOfStockInciAndPriceOverTheIssuedProducts() {
        IssuedContent issued = content(CLEANSER, SUNSCREEN, SERUM);
        List<IssuedContent.Product> products = new ArrayList<>(issued.products().values());

        assertThat(cause(products, priced(SERUM, "25.00"))).isEqualTo(Cause.PRICE);
        assertThat(cause(products, withInci(SERUM, "Parfum", null))).isEqualTo(Cause.INGREDIENTS);
        assertThat(cause(products, stocked(priced(SERUM, "25.00"), 0))).isEqualTo(Cause.OUT_OF_STOCK);
        assertThat(cause(products, priced(SERUM, "25.00"), discontinued(CLEANSER)))
                .isEqualTo(Cause.DISCONTINUED);
        assertThat(IssuedContent.cause(products, catalogue(CLEANSER, SUNSCREEN), Cause.PRODUCT_CHANGED))
                .as("deleted from the catalogue")
                .isEqualTo(Cause.DISCONTINUED);
        assertThat(cause(products, SERUM))
                .as("nothing of the issued products changed")
                .isEqualTo(Cause.NEW_PRODUCT);
    }

    @Test
    void theStepsDigestOfAStoredSnapshotIsTheRoutinesAndNothingRecommendableIsEmpty() throws Exception {
        Routine routine = engine.build("c-1", 1L, CUSTOMER, "en", TestCatalog.of(CLEANSER, SUNSCREEN, SERUM));
        IssuedContent content = IssuedContent.of(routine, catalogue(CLEANSER, SUNSCREEN, SERUM));
        assertThat(IssuedContent.stepsDigest(JSON.readTree(JSON.writeValueAsString(routine))))
                .isEqualTo(content.stepsDigest());
        assertThat(content.empty()).isFalse();
        assertThat(content.products()).containsOnlyKeys("CLN", "SUN", "SER-HA");

        Routine nothing = engine.build("c-1", 1L, CUSTOMER, "en", TestCatalog.of());
        assertThat(IssuedContent.of(nothing, catalogue()).empty()).isTrue();
        assertThat(IssuedContent.stepsDigest(JSON.readTree(JSON.writeValueAsString(nothing))))
                .isNotEqualTo(content.stepsDigest());
    }

    private IssuedContent content(ProductState... products) {
        Routine routine = engine.build("c-1", 1L, CUSTOMER, "en", TestCatalog.of(products));
        List<String> used = Stream.concat(routine.am().stream(), routine.pm().stream())
                .map(step -> step.product().sku())
                .toList();
        assertThat(used)
                .as("the premise: the routine uses every product")
                .containsAll(List.of(products).stream().map(ProductState::sku).toList());
        return IssuedContent.of(routine, catalogue(products));
    }

    private static Cause cause(List<IssuedContent.Product> issued, ProductState... changed) {
        Map<String, ProductState> now = new HashMap<>(catalogueMap(CLEANSER, SUNSCREEN, SERUM));
        for (ProductState product : changed) {
            now.put(product.sku(), product);
        }
        return IssuedContent.cause(issued, sku -> Optional.ofNullable(now.get(sku)), Cause.NEW_PRODUCT);
    }

    private static Function<String, Optional<ProductState>> catalogue(ProductState... products) {
        Map<String, ProductState> bySku = catalogueMap(products);
        return sku -> Optional.ofNullable(bySku.get(sku));
    }

    private static Map<String, ProductState> catalogueMap(ProductState... products) {
        return List.of(products).stream().collect(Collectors.toMap(ProductState::sku, p -> p));
    }

    private static ProductState priced(ProductState p, String price) {
        return copy(p, p.status(), p.stock(), new Money(new BigDecimal(price), "EUR"), p.ingredients());
    }

    private static ProductState stocked(ProductState p, int stock) {
        return copy(p, p.status(), stock, p.price(), p.ingredients());
    }

    private static ProductState discontinued(ProductState p) {
        return copy(p, ProductStatus.DISCONTINUED, p.stock(), p.price(), p.ingredients());
    }

    private static ProductState withInci(ProductState p, String inci, String percent) {
        List<Ingredient> ingredients = new ArrayList<>(
                p.ingredients().stream().filter(i -> !i.inci().equals(inci)).toList());
        ingredients.add(new Ingredient(inci, percent == null ? null : new BigDecimal(percent)));
        return copy(p, p.status(), p.stock(), p.price(), ingredients).withDerivedIngredients();
    }

    private static ProductState copy(
            ProductState p, ProductStatus status, int stock, Money price, List<Ingredient> ingredients) {
        return new ProductState(
                p.sku(),
                p.version() + 1,
                status,
                p.category(),
                p.brand(),
                p.names(),
                p.descriptions(),
                ingredients,
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
                price,
                stock,
                p.updatedAt(),
                p.unrecognizedIngredients());
    }
}
