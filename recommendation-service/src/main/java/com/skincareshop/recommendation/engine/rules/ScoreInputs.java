package com.skincareshop.recommendation.engine.rules;

import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import java.math.BigDecimal;

/**
 * What a score reads of a product. One product answers exactly ({@link ProductInputs}); the catalogue index's group
 * ceilings answer with values at least as high in everything a score rewards and as low in everything it penalizes.
 * Because {@link Scores} computes a score and its bound with the same formula over this interface, the bound cannot
 * drift from the score: it is an upper bound as long as each formula only grows with what it rewards.
 */
public interface ScoreInputs {

    Category category();

    /** Bit per {@link com.skincareshop.contracts.vocabulary.Area} ordinal. */
    int areas();

    /** The stated SPF, or null. */
    Integer spf();

    boolean fragranceFree();

    /** How well the actives treat the concern ({@link ActiveEffects#effect(java.util.List, Concern)}). */
    double effect(Concern concern);

    /** What a companion brings to the concern: 0.5 when declared for it, else half its actives' effect. */
    double reach(Concern concern);

    /** How many treatment entries of the class are at the most effective strength. */
    int atEffectiveStrength(Active active);

    /** Has a treatment (not trace) entry of the class; asked of the classes an approach rewards only. */
    boolean treatsWith(Active active);

    /** Stronger than {@code percent} in a stated strength of the class: a penalty, so a ceiling answers false. */
    boolean strongerThan(Active active, BigDecimal percent);
}
