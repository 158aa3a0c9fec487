package com.skincareshop.recommendation.api;

/** What both versions of the routine API document alike: their errors and the preview's example. */
final class RoutineOperations {

    static final String CUSTOMER_DESCRIPTION = "Built on request from the customer's latest profile and the live"
            + " catalogue, so that a price, stock or discontinuation shows in the next answer. A `customer` token"
            + " reaches only its own routine (token `sub` = `customerId`): the customer's own, or the one the"
            + " storefront obtained for them by token exchange (RFC 8693, with an `act` claim naming the storefront);"
            + " the storefront's own token reaches no customer. Every read by `support` is audited (who, the"
            + " customer, when).";
    static final String PREVIEW_DESCRIPTION =
            "Built from answers sent in, validated exactly as profile-service validates them; nothing is stored. It"
                    + " needs no customer: the storefront's own token.";
    static final String CUSTOMER_ID =
            "The customer: 1 to 64 letters, digits and . _ : -, starting with a letter or" + " digit";
    static final String LOCALE = "The locale of the routine's texts; default: the one the customer answered in";
    static final String UNAVAILABLE = "The catalogue is still loading (`urn:skincare:problem:catalogue-loading`),"
            + " or the database is unavailable; retry in a few seconds";
    static final String FORBIDDEN = "Another customer's routine, the storefront's own token (bound to no customer), or"
            + " a role that may not read it";
    static final String NOT_FOUND = "The customer has not answered the questionnaire"
            + " (`urn:skincare:problem:no-profile`): build a guest routine with the preview";
    static final String INVALID_ANSWERS = "An answer or the envelope is invalid; each violation names its field"
            + " (`answers.skinType`, `questionnaireVersion`)";
    static final String CUSTOMER_ROLES = "[\"customer\", \"support\"]";
    static final String PREVIEW_ROLES = "[\"storefront\"]";

    static final String PREVIEW_EXAMPLE = """
            {"answers": {"skinType": "DRY", "sensitive": true, "ageBand": "25_34", "concerns": ["DARK_SPOTS", "DULLNESS"],
                         "sunExposureHours": 1, "pregnantOrBreastfeeding": true, "areas": ["FACE", "HANDS"],
                         "marketingConsent": false}}
            """;

    private RoutineOperations() {}
}
