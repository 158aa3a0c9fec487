package com.skincareshop.recommendation.domain;

/**
 * Whether this replica's catalogue table has read the catalogue topic up to where it stood at start-up. Until then
 * a routine would be built from part of the catalogue, so requests are refused rather than answered wrongly.
 */
public interface CatalogueReadiness {

    boolean caughtUp();
}
