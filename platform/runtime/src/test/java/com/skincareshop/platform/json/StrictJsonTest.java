package com.skincareshop.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.skincareshop.contracts.validation.Decimals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    record Ingredient(String inci, BigDecimal percent) {}

    record Product(List<Ingredient> ingredients) {}

    /** Like a profile, whose answers are a tree. */
    record Answered(JsonNode answers) {}

    private static final ObjectMapper JSON = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "1e-10000000",
                "1e400",
                "-1e400",
                "\"1e-10000000\"",
                "1E+999999999",
                "12345678901234567890123456789012345678901"
            })
    void aDecimalBeyondTheBoundIsRefusedAsItIsReadNamingTheField(String percent) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> JSON.readValue(
                        "{\"ingredients\": [{\"inci\": \"Aqua\"}, {\"inci\": \"Niacinamide\", " + "\"percent\": "
                                + percent + "}]}",
                        Product.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining(Decimals.RULE)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPathReference())
                        .contains("ingredients")
                        .contains("[1]")
                        .contains("percent"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void ordinaryDecimalsAreReadAsSent() throws Exception {
        Product product =
                JSON.readValue("{\"ingredients\": [{\"inci\": \"Niacinamide\", \"percent\": 4.5000}]}", Product.class);
        assertThat(product.ingredients().get(0).percent()).isEqualTo(new BigDecimal("4.5000"));
    }

    @Test
    void aTreeKeepsTheDecimalsSentNotADouble() throws Exception {
        JsonNode tree = JSON.readTree("{\"tiny\": 1e-10000000, \"huge\": 1e400}");
        assertThat(tree.get("tiny").isBigDecimal()).isTrue();
        assertThat(tree.get("tiny").decimalValue().signum()).isEqualTo(1);
        assertThat(tree.get("huge").isBigDecimal()).isTrue();
    }

    @Test
    void tenThousandNestedArraysStopAtTheNestingLimit() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> JSON.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"answers\": " + deep + "}", Answered.class))
                .hasRootCauseInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void aNumberOfThousandsOfDigitsIsRefusedBeforeItIsParsed() {
        assertThatThrownBy(() -> JSON.readTree("{\"n\": " + "9".repeat(5_000) + "}"))
                .isInstanceOf(StreamConstraintsException.class);
    }
}
