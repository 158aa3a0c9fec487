package com.skincareshop.contracts.vocabulary;

public enum SizeUnit {
    ML,
    G,
    CAPSULES
}
