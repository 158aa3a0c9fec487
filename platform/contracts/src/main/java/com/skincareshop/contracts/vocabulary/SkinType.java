package com.skincareshop.contracts.vocabulary;

/** Skin types of DOMAIN.md; sensitivity is a separate flag, not a type. */
public enum SkinType {
    DRY, OILY, COMBINATION, NORMAL
}
