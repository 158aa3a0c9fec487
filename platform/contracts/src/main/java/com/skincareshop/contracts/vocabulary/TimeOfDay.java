package com.skincareshop.contracts.vocabulary;

/** When the product is meant to be used. */
public enum TimeOfDay {
    AM,
    PM,
    ANY
}
