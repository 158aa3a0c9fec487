package com.skincareshop.contracts;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.vocabulary.Active;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InciDictionaryTest {

    @Test
    void matchesIgnoringCaseSpacesAndDashVariants() {
        assertThat(InciDictionary.activeOf("  SODIUM   hyaluronate ")).contains(Active.HYALURONIC_ACID);
        assertThat(InciDictionary.activeOf("Palmitoyl Tripeptide – 1")).contains(Active.PEPTIDES);
        assertThat(InciDictionary.activeOf("3-O-Ethyl Ascorbic Acid")).contains(Active.VITAMIN_C);
        assertThat(InciDictionary.activeOf("Aqua")).isEmpty();
    }

    @Test
    void sumsDeclaredStrengthPerActiveClass() {
        List<ActiveStrength> actives = InciDictionary.derive(List.of(
                new Ingredient("Aqua", null),
                new Ingredient("Ascorbic Acid", new BigDecimal("10")),
                new Ingredient("Sodium Ascorbyl Phosphate", new BigDecimal("5")),
                new Ingredient("Sodium Hyaluronate", null),
                new Ingredient("Linalool", null)));

        assertThat(actives).containsExactlyInAnyOrder(
                new ActiveStrength(Active.VITAMIN_C, new BigDecimal("15")),
                new ActiveStrength(Active.HYALURONIC_ACID, null),
                new ActiveStrength(Active.FRAGRANCE, null));
    }

    @Test
    void citricAcidAsPhAdjusterIsNotAnExfoliant() {
        assertThat(InciDictionary.derive(List.of(new Ingredient("Citric Acid", null)))).isEmpty();
        assertThat(InciDictionary.derive(List.of(new Ingredient("Citric Acid", new BigDecimal("0.2"))))).isEmpty();
        assertThat(InciDictionary.derive(List.of(new Ingredient("Citric Acid", new BigDecimal("5")))))
                .containsExactly(new ActiveStrength(Active.AHA, new BigDecimal("5")));
    }

    @Test
    void listsEveryInciNameOfAClass() {
        assertThat(InciDictionary.inciNamesOf(Active.RETINOID))
                .contains("retinol", "retinal", "retinyl palmitate", "hydroxypinacolone retinoate");
    }
}
