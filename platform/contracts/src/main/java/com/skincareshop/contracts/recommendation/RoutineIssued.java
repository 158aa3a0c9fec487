package com.skincareshop.contracts.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.catalog.Money;

import java.time.Instant;
import java.util.List;

/**
 * The value of {@code recommendations.issued.v1}, for the marketing pipeline: which products were recommended to
 * a consenting customer and why, as stable codes (no texts, no answers). {@code version} is the profile version
 * the routine was built for; {@code productVersion} the catalogue version of each product.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutineIssued(String customerId, long version, String locale, String approach, int minimumSpf,
                            List<IssuedStep> steps, List<String> warningCodes, Money total, Instant issuedAt) {

    public record IssuedStep(String time, int step, String slot, String sku, long productVersion, String frequency,
                             List<String> reasonCodes) {
    }
}
