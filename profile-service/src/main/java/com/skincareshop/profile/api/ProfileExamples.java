package com.skincareshop.profile.api;

/** The examples of the profile API's document. */
final class ProfileExamples {

    static final String REQUEST = """
            {"questionnaireVersion": 1, "locale": "tl",
             "answers": {"skinType": "OILY", "sensitive": false, "ageBand": "35_44",
                         "concerns": ["ENLARGED_PORES", "SAGGING_PORES"], "sunExposureHours": 5,
                         "pregnantOrBreastfeeding": false, "avoidIngredients": ["Fragrance"], "areas": ["FACE"],
                         "budget": {"amount": "120.00", "currency": "EUR"}, "marketingConsent": true}}
            """;

    static final String PROFILE = """
            {"customerId": "c-42", "version": 1, "questionnaireVersion": 1, "locale": "tl",
             "answers": {"skinType": "OILY", "sensitive": false, "ageBand": "35_44",
                         "concerns": ["ENLARGED_PORES", "SAGGING_PORES"], "sunExposureHours": 5,
                         "pregnantOrBreastfeeding": false, "avoidIngredients": ["Fragrance"], "areas": ["FACE"],
                         "budget": {"amount": "120.00", "currency": "EUR"}, "marketingConsent": true},
             "createdAt": "2025-12-01T09:30:00Z", "updatedAt": "2025-12-01T09:30:00Z"}
            """;

    private ProfileExamples() {}
}
