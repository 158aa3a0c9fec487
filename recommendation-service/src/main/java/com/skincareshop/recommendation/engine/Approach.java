package com.skincareshop.recommendation.engine;

/**
 * Firming seed: preventive care (antioxidants, hydration, lower strengths) before the signs; corrective care
 * (peptides, retinoid, growth factors) once firmness is a concern or from the mid-thirties.
 */
public enum Approach {
    PREVENTIVE,
    CORRECTIVE
}
