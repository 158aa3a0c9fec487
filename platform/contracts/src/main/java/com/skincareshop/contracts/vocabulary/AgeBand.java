package com.skincareshop.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Age bands; the codes ({@code 25_34}) are the stable API values. */
public enum AgeBand {
    UNDER_25("UNDER_25"),
    AGE_25_34("25_34"),
    AGE_35_44("35_44"),
    AGE_45_54("45_54"),
    AGE_55_PLUS("55_PLUS");

    private final String code;

    AgeBand(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static AgeBand ofCode(String code) {
        for (AgeBand band : values()) {
            if (band.code.equals(code)) {
                return band;
            }
        }
        throw new IllegalArgumentException("unknown age band " + code);
    }

    /** From the mid-thirties collagen and elastin decline (pores seed): care turns corrective. */
    public boolean isThirtyFiveOrOlder() {
        return this != UNDER_25 && this != AGE_25_34;
    }

    @Override
    public String toString() {
        return code;
    }
}
