package com.skincareshop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.platform.testing.SyntheticCatalogue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogues the shop is demonstrated and measured with name no ingredient the INCI dictionary lacks. */
class KnownIngredientsTest {

    @Test
    void theDemoCatalogueNamesOnlyKnownIngredients() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Ingredient> ingredients = new ArrayList<>();
        try (BufferedReader demo = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("demo/catalog.ndjson"), StandardCharsets.UTF_8))) {
            for (String line = demo.readLine(); line != null; line = demo.readLine()) {
                if (!line.isBlank()) {
                    json.readTree(line)
                            .get("ingredients")
                            .forEach(i ->
                                    ingredients.add(new Ingredient(i.get("inci").asText(), null)));
                }
            }
        }
        assertThat(ingredients).hasSizeGreaterThan(500);
        assertThat(InciDictionary.unrecognized(ingredients)).isEmpty();
    }

    @Test
    void theSyntheticCatalogueNamesOnlyKnownIngredients() {
        List<ProductState> products = SyntheticCatalogue.generate(2_000, 42);
        assertThat(products).allSatisfy(product -> {
            assertThat(InciDictionary.unrecognized(product.ingredients())).isEmpty();
            assertThat(product.unrecognizedIngredients()).isEmpty();
        });
    }
}
