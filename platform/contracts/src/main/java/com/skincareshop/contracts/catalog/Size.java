package com.skincareshop.contracts.catalog;

import com.skincareshop.contracts.vocabulary.SizeUnit;
import java.math.BigDecimal;

public record Size(BigDecimal amount, SizeUnit unit) {}
