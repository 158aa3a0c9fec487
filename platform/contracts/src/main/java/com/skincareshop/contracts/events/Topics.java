package com.skincareshop.contracts.events;

/** Topic names (docs/design.md, Events): {@code <domain>.<stream>.v<major>}, keyed by the aggregate id. */
public final class Topics {
    /** Key: sku. Value: {@link com.skincareshop.contracts.catalog.ProductState}. Compacted. */
    public static final String CATALOG_PRODUCTS = "catalog.products.v1";
    /** Key: customerId. Value: normalized questionnaire answers, full state. Compacted. */
    public static final String PROFILES_SKIN = "profiles.skin.v1";
    /** Key: customerId. Value: the routine issued to a consenting customer. Compacted. */
    public static final String RECOMMENDATIONS_ISSUED = "recommendations.issued.v1";

    private Topics() {}

    /** Where a consumer parks a message it cannot process. */
    public static String deadLetterOf(String topic) {
        return topic + ".dlq";
    }
}
