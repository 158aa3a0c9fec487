package com.skincareshop.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** An amount in an ISO 4217 currency; serialized as a string so no consumer rounds it through a double. */
public record Money(
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {}
