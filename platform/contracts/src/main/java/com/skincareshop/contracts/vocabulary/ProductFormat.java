package com.skincareshop.contracts.vocabulary;

/** Packaging. {@code CAPSULE}: single-dose capsules, as some brightening serums come. */
public enum ProductFormat {
    BOTTLE,
    DROPPER,
    PUMP,
    TUBE,
    JAR,
    CAPSULE,
    STICK
}
