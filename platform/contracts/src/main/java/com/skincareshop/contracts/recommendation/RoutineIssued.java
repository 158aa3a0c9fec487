package com.skincareshop.contracts.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.catalog.Money;

import java.time.Instant;
import java.util.List;

/**
 * The value of {@code recommendations.issued.v1}, for the marketing pipeline: which products were recommended to a
 * consenting customer, and nothing that reveals an answer. A routine is derived from health-adjacent answers
 * (pregnancy, sensitivity, sun exposure), so the record carries no warning or reason codes, no SPF target, no
 * approach and no evening plan (a sensitive skin's retinoid nights differ); only the products, where they go and
 * their versions. {@code version} is the profile version the routine was built for; {@code productVersion} the
 * catalogue version of each product. Its contract, which the marketing pipeline builds on, is
 * {@code events/schemas/recommendations.issued.v1.schema.json}: a field added here is added there first, as an optional
 * property with a new golden sample (events/README.md, adding an optional property).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutineIssued(String customerId, long version, String locale, Instant issuedAt, List<IssuedStep> steps,
                            Money total) {

    /** {@code time}: {@code AM} or {@code PM}; {@code slot}: the routine slot the product fills. */
    public record IssuedStep(String time, String slot, String sku, long productVersion) {
    }
}
