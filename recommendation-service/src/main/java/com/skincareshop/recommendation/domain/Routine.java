package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.vocabulary.Category;

import java.util.List;

/**
 * A routine (DESIGN.md): morning and evening steps in application order, each with the product, why it was
 * chosen and how to use it; warnings; the total of the distinct products. Texts are in {@code locale}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routine(String customerId, Long profileVersion, String locale, Approach approach, int minimumSpf,
                      List<Step> am, List<Step> pm, List<Warning> warnings, Money total) {

    public record Step(int step, Category slot, ProductRef product, List<Reason> reasons, String usage,
                       Frequency frequency) {
    }

    /** {@code version}: the catalogue version of the product this routine was built from. */
    public record ProductRef(String sku, String name, Money price, long version) {
    }

    public record Reason(ReasonCode code, String message) {
    }

    public record Warning(WarningCode code, String message) {
    }
}
