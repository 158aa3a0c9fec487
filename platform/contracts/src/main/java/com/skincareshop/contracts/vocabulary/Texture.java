package com.skincareshop.contracts.vocabulary;

public enum Texture {
    GEL,
    LIQUID,
    SERUM,
    LOTION,
    CREAM,
    FOAM,
    OIL,
    BALM,
    FLUID
}
