package com.skincareshop.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** One line of an INCI list, in label order; the percentage is declared for key actives only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ingredient(String inci, BigDecimal percent) {}
