package com.skincareshop.contracts.vocabulary;

/** {@code DISCONTINUED} products stay readable (orders, history) but leave recommendations. */
public enum ProductStatus {
    ACTIVE,
    DISCONTINUED
}
