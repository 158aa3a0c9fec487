package com.skincareshop.contracts.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import java.math.BigDecimal;
import java.util.List;

/**
 * A customer's answers after validation and normalization: concerns in the customer's order of importance,
 * areas in code order, avoided ingredients trimmed and without repeats, {@code budget} null when none was given.
 * Health-adjacent personal data: never logged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answers(
        SkinType skinType,
        boolean sensitive,
        AgeBand ageBand,
        List<Concern> concerns,
        BigDecimal sunExposureHours,
        boolean pregnantOrBreastfeeding,
        List<String> avoidIngredients,
        List<Area> areas,
        Money budget,
        boolean marketingConsent) {

    /** No answer is ever printed: a stray log statement must not leak health data. */
    @Override
    public String toString() {
        return "Answers[redacted]";
    }
}
