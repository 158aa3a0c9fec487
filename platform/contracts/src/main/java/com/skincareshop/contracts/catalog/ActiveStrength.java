package com.skincareshop.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.vocabulary.Active;
import java.math.BigDecimal;

/**
 * One ingredient of an active class in a formula, as {@link InciDictionary#derive} reads the label.
 *
 * @param code    its class
 * @param percent the strength the label declares, null when it declares none
 * @param form    its canonical INCI name ("Retinal", "Ascorbic Acid"): what the class is made of, which decides how
 *                strong and how irritating a percentage is
 * @param trace   no strength declared and listed too late ({@link InciDictionary#TRACE_AFTER_POSITION}) to be more
 *                than a little: it counts for safety rules, never as a treatment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveStrength(Active code, BigDecimal percent, String form, boolean trace) {

    /** A class at a strength, of no named form and not a trace. */
    public ActiveStrength(Active code, BigDecimal percent) {
        this(code, percent, null, false);
    }
}
