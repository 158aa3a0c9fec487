package com.skincareshop.contracts.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.catalog.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The value of {@code recommendations.issued.v1}, for the marketing pipeline: which products were recommended to a
 * consenting customer, and nothing that reveals an answer. A routine is derived from health-adjacent answers
 * (pregnancy, sensitivity, sun exposure), so the record carries no warning or reason codes, no SPF target, no
 * approach and no evening plan (a sensitive skin's retinoid nights differ); only the products, where they go and
 * their versions. {@code version} is the profile version the routine was built for; {@code productVersion} the
 * catalogue version of each product. Its contract, which the marketing pipeline builds on, is
 * {@code events/schemas/recommendations.issued.v1.schema.json}: a field added here is added there first, as an optional
 * property with a new golden sample (events/README.md, adding an optional property).
 *
 * <p>Optional, added after the first fields: {@code revision} grows with every record issued to the customer
 * (a profile change, or a re-issue after the catalogue changed), also across withdrawn consent and erasure; it is
 * not consecutive, so compare it, do not count it. {@code cause} says why the record was issued; it is computed
 * from the catalogue's change alone, never from an answer. Both are absent from records issued before they existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutineIssued(
        String customerId,
        long version,
        String locale,
        Instant issuedAt,
        List<IssuedStep> steps,
        Money total,
        Long revision,
        Cause cause) {

    /** A record of the first fields only, as issued before {@code revision} and {@code cause} existed. */
    public RoutineIssued(
            String customerId, long version, String locale, Instant issuedAt, List<IssuedStep> steps, Money total) {
        this(customerId, version, locale, issuedAt, steps, total, null, null);
    }

    /** {@code time}: {@code AM} or {@code PM}; {@code slot}: the routine slot the product fills. */
    public record IssuedStep(String time, String slot, String sku, long productVersion) {}

    /**
     * Why a record was issued. {@link #PROFILE}: the customer's answers changed. The others are re-issues after a
     * catalogue change to a product of the routine ({@link #DISCONTINUED} also covers a product deleted from the
     * catalogue; {@link #INGREDIENTS} the INCI list or the SPF; {@link #PRODUCT_CHANGED} anything else that changed
     * the routine, such as a product's concerns or skin types), or after a product was added to the catalogue or
     * came back on sale ({@link #NEW_PRODUCT}).
     */
    public enum Cause {
        PROFILE,
        DISCONTINUED,
        OUT_OF_STOCK,
        INGREDIENTS,
        PRICE,
        PRODUCT_CHANGED,
        NEW_PRODUCT;

        /** The code in lower case with dashes, as metrics tag it: {@code out-of-stock}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
