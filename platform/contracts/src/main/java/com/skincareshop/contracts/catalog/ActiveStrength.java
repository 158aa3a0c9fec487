package com.skincareshop.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.vocabulary.Active;

import java.math.BigDecimal;

/** An active class in a formula; {@code percent} is null when the label declares no strength. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveStrength(Active code, BigDecimal percent) {
}
