package com.skincareshop.recommendation.engine.index;

import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineViewTest {

    private final EngineView view = new EngineView();

    @Test
    void keepsWhatRoutinesReadAndLeavesOutTheDescriptions() {
        ProductState product = product("S1", Category.SERUM, "24.90")
                .inci("Niacinamide", "5")
                .size("30", SizeUnit.ML)
                .build()
                .withDerivedIngredients();
        ProductState held = view.of(product);

        assertThat(product.descriptions()).isNotEmpty();
        assertThat(held.descriptions()).isEmpty();
        assertThat(held.updatedAt()).isNull();
        assertThat(held)
                .usingRecursiveComparison()
                .ignoringFields("descriptions", "updatedAt")
                .isEqualTo(product);
    }

    @Test
    void equalValuesOfDifferentProductsAreHeldOnce() {
        ProductState first = view.of(product("S1", Category.SERUM, "24.90")
                .inci("Niacinamide", "5")
                .build()
                .withDerivedIngredients());
        ProductState second = view.of(product("S2", Category.MOISTURIZER, "24.90")
                .inci("Niacinamide", "5")
                .build()
                .withDerivedIngredients());

        assertThat(second.price()).isSameAs(first.price());
        assertThat(second.ingredients().get(1)).isSameAs(first.ingredients().get(1));
        assertThat(second.actives().get(0)).isSameAs(first.actives().get(0));
        assertThat(second.ingredients()).isNotSameAs(first.ingredients()); // the lists are the products' own
    }

    @Test
    void atItsCapacityThePoolStartsAfresh() {
        for (int i = 0; i <= EngineView.CAPACITY / 2; i++) { // two new values each: past the capacity
            assertThat(view.sharedValues()).isLessThanOrEqualTo(EngineView.CAPACITY);
            view.of(product("F" + i, Category.SERUM, "10.00")
                    .inci("Filler " + i, null)
                    .inci("Other filler " + i, null)
                    .build());
        }
        List<ProductState> late = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            late.add(view.of(product("L" + i, Category.SERUM, "10.00")
                    .inci("Brand-new name", null)
                    .build()));
        }

        assertThat(view.sharedValues()).isLessThan(20); // started afresh: the last products' values only
        Ingredient first = late.get(0).ingredients().get(1);
        Ingredient second = late.get(1).ingredients().get(1);
        assertThat(second).isSameAs(first);
    }
}
