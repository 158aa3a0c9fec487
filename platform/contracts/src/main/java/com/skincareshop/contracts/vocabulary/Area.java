package com.skincareshop.contracts.vocabulary;

/** Where a product is applied. */
public enum Area {
    FACE,
    HANDS
}
