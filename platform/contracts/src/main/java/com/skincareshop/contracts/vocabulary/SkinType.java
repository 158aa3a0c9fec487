package com.skincareshop.contracts.vocabulary;

/** Skin types (docs/domain.md, Vocabulary); sensitivity is a separate flag, not a type. */
public enum SkinType {
    DRY,
    OILY,
    COMBINATION,
    NORMAL
}
