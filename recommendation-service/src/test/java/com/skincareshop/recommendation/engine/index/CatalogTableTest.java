package com.skincareshop.recommendation.engine.index;

import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.CatalogDigest;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Category;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTableTest {

    private final CatalogTable table = new CatalogTable();

    @Test
    void keepsOnlyNewerVersions() {
        ProductState v2 =
                product("S1", Category.SERUM, "20.00").version(2).stock(5).build();
        ProductState v1 = product("S1", Category.SERUM, "10.00").version(1).build();
        assertThat(table.apply(v2)).isTrue();
        assertThat(table.apply(v1)).isFalse();
        assertThat(table.apply(v2)).isFalse();
        assertThat(table.find("S1").orElseThrow().price().amount()).isEqualByComparingTo("20.00");
    }

    @Test
    void onlyActiveProductsInStockAreAvailable() {
        table.apply(product("S1", Category.SERUM, "20.00").build());
        table.apply(product("S2", Category.SERUM, "20.00").stock(0).build());
        table.apply(product("S3", Category.SERUM, "20.00").discontinued().build());
        assertThat(table.available(Category.SERUM))
                .extracting(ProductState::sku)
                .containsExactly("S1");
        assertThat(table.size()).isEqualTo(3);

        table.apply(
                product("S1", Category.SERUM, "20.00").version(2).discontinued().build());
        table.apply(product("S2", Category.SERUM, "20.00").version(2).stock(3).build());
        assertThat(table.available(Category.SERUM))
                .extracting(ProductState::sku)
                .containsExactly("S2");
        // a discontinued product's older version arriving late does not bring it back
        table.apply(product("S1", Category.SERUM, "20.00").version(1).build());
        assertThat(table.available(Category.SERUM))
                .extracting(ProductState::sku)
                .containsExactly("S2");
    }

    /** The routine cache's catalogue input: it moves with what a routine can use, and only with that. */
    @Test
    void theGenerationMovesWithEveryChangeARoutineCouldSeeAndOnlyThen() {
        long start = table.generation();
        table.apply(product("S1", Category.SERUM, "20.00").build());
        assertThat(table.generation()).as("a product on sale arrives").isEqualTo(start + 1);
        table.apply(product("S1", Category.SERUM, "21.00").version(2).build());
        assertThat(table.generation()).as("its price changes").isEqualTo(start + 2);
        table.apply(product("S1", Category.SERUM, "21.00").version(2).build());
        assertThat(table.generation()).as("a duplicate").isEqualTo(start + 2);
        table.apply(product("S1", Category.SERUM, "21.00").version(3).stock(0).build());
        assertThat(table.generation()).as("it sells out").isEqualTo(start + 3);
        table.apply(product("S1", Category.SERUM, "25.00").version(4).stock(0).build());
        assertThat(table.generation()).as("its price changes while sold out").isEqualTo(start + 3);
        table.apply(product("S2", Category.SERUM, "20.00").discontinued().build());
        assertThat(table.generation()).as("a discontinued product arrives").isEqualTo(start + 3);
        table.remove("S2");
        assertThat(table.generation()).as("the discontinued one is deleted").isEqualTo(start + 3);
        table.apply(product("S1", Category.SERUM, "25.00").version(5).stock(4).build());
        assertThat(table.generation()).as("it is back in stock").isEqualTo(start + 4);
        table.remove("S1");
        assertThat(table.generation()).as("it is deleted").isEqualTo(start + 5);
    }

    @Test
    void aProductMovingCategoryLeavesItsOldIndex() {
        table.apply(product("X", Category.SERUM, "20.00").build());
        table.apply(product("X", Category.MOISTURIZER, "20.00").version(2).build());
        assertThat(table.available(Category.SERUM)).isEmpty();
        assertThat(table.available(Category.MOISTURIZER)).hasSize(1);
    }

    @Test
    void aTombstoneRemovesTheProduct() {
        table.apply(product("S1", Category.SERUM, "20.00").build());
        table.remove("S1");
        table.remove("never-there");
        assertThat(table.find("S1")).isEmpty();
        assertThat(table.available(Category.SERUM)).isEmpty();
    }

    /** The digest is what a reconciler computes from the catalogue's own (sku, version) pairs. */
    @Test
    void theDigestFollowsWhatIsHeld() {
        assertThat(table.digest()).isZero();
        table.apply(product("S1", Category.SERUM, "20.00").version(2).build());
        table.apply(product("S1", Category.SERUM, "20.00").version(1).build()); // older: ignored
        table.apply(product("S2", Category.SERUM, "20.00").build());
        table.apply(product("S2", Category.MOISTURIZER, "20.00").version(3).build());
        table.apply(product("S3", Category.SERUM, "20.00").build());
        table.remove("S3");
        assertThat(table.digest())
                .isEqualTo(CatalogDigest.of(Map.of("S1", 2L, "S2", 3L)))
                .isNotEqualTo(CatalogDigest.of(Map.of("S1", 2L, "S2", 2L)));
        table.remove("S1");
        table.remove("S2");
        assertThat(table.digest()).isZero();
    }
}
