package com.skincareshop.recommendation.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;

import java.util.List;

/**
 * A routine: morning and evening steps in application order, each with the product, why it was chosen and how to
 * use it; the 7-night plan of the evening ({@code week}); warnings; the total of the distinct products. Texts are in
 * {@code locale}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routine(String customerId, Long profileVersion, String locale, Approach approach, int minimumSpf,
                      List<Step> am, List<Step> pm, List<Night> week, List<Warning> warnings, Money total) {

    /**
     * One step. {@code area}: where it is applied. {@code nights}: evening steps only, the nights of the week it is
     * used; {@code rampUpWeeks}: for a strong active started slowly, how many weeks the plan's nights hold before the
     * skin may take more (null when it needs no ramp-up).
     */
    public record Step(int step, Category slot, ProductRef product, List<Reason> reasons, String usage,
                       Frequency frequency, Area area, List<Weekday> nights, Integer rampUpWeeks) {
    }

    /** {@code version}: the catalogue version of the product this routine was built from. */
    public record ProductRef(String sku, String name, Money price, long version) {
    }

    public record Reason(ReasonCode code, String message) {
    }

    public record Warning(WarningCode code, String message) {
    }

    /** One evening of the plan: the skus used that night, in application order. */
    public record Night(Weekday night, List<String> skus) {
    }
}
