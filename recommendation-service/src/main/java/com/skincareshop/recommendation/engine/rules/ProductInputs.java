package com.skincareshop.recommendation.engine.rules;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import java.math.BigDecimal;

/** One product's exact {@link ScoreInputs}. */
public record ProductInputs(ProductState product) implements ScoreInputs {

    /** The concern a companion is declared for counts as half an effect: a claim, not a measured strength. */
    public static final double DECLARED_REACH = 0.5;

    @Override
    public Category category() {
        return product.category();
    }

    @Override
    public int areas() {
        int bits = 0;
        for (Area area : product.areas()) {
            bits |= 1 << area.ordinal();
        }
        return bits;
    }

    @Override
    public Integer spf() {
        return product.spf();
    }

    @Override
    public boolean fragranceFree() {
        return !product.containsFragrance();
    }

    @Override
    public double effect(Concern concern) {
        return ActiveEffects.effect(product.actives(), concern);
    }

    @Override
    public double reach(Concern concern) {
        return reach(product, concern);
    }

    public static double reach(ProductState product, Concern concern) {
        double declared = product.concerns().contains(concern) ? DECLARED_REACH : 0;
        return Math.max(declared, ActiveEffects.effect(product.actives(), concern) * 0.5);
    }

    @Override
    public int atEffectiveStrength(Active active) {
        int count = 0;
        for (ActiveStrength entry : product.actives()) {
            if (entry.code() == active && ActiveEffects.atMostEffectiveStrength(entry)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean treatsWith(Active active) {
        for (ActiveStrength entry : product.actives()) {
            if (entry.code() == active && !entry.trace()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean strongerThan(Active active, BigDecimal percent) {
        for (ActiveStrength entry : product.actives()) {
            if (entry.code() == active
                    && entry.percent() != null
                    && entry.percent().compareTo(percent) > 0) {
                return true;
            }
        }
        return false;
    }
}
