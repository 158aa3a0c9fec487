package com.skincareshop.contracts.validation;

import java.math.BigDecimal;

/**
 * The bound on any decimal number a client sends: at most {@link #MAX_DIGITS} digits before the decimal point and as
 * many after it. BigDecimal arithmetic costs time in the distance between its operands' exponents, so {@code
 * 1e-10000000}, a valid JSON number, would cost seconds in a sum or a rescale; a number past the bound is refused
 * before any arithmetic. Checking it costs nothing: it reads the scale and the precision.
 */
public final class Decimals {

    public static final int MAX_DIGITS = 40;
    public static final String RULE = "must be a number of at most " + MAX_DIGITS + " digits before and " + MAX_DIGITS
            + " after the decimal point";

    private Decimals() {}

    public static boolean withinBounds(BigDecimal number) {
        return number.scale() <= MAX_DIGITS && (long) number.precision() - number.scale() <= MAX_DIGITS;
    }
}
