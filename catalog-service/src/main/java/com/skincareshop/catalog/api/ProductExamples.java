package com.skincareshop.catalog.api;

/** The examples of the catalogue's API document: what a merchandiser sends and what comes back. */
final class ProductExamples {

    static final String PRODUCT_INPUT = """
            {"category": "SERUM", "brand": "Lumen Lab",
             "names": {"en": "Night Renewal 0.3 Retinol Serum", "lv": "Night Renewal serums ar 0,3% retinolu"},
             "descriptions": {"en": "A gentle 0.3% retinol serum for first-time users."},
             "ingredients": [{"inci": "Aqua"}, {"inci": "Squalane"}, {"inci": "Retinol", "percent": 0.3},
                             {"inci": "Sodium Hyaluronate", "percent": 0.5}],
             "concerns": ["FINE_LINES", "FIRMNESS"], "skinTypes": ["NORMAL", "DRY"], "areas": ["FACE"],
             "timeOfDay": "PM", "format": "DROPPER", "texture": "SERUM", "size": {"amount": 30, "unit": "ML"},
             "price": {"amount": 34.50, "currency": "EUR"}, "stock": 40}
            """;

    static final String PRODUCT = """
            {"locale": "en", "name": "Night Renewal 0.3 Retinol Serum",
             "description": "A gentle 0.3% retinol serum for first-time users.",
             "sku": "SER-RETINOL03-30", "version": 3, "status": "ACTIVE", "category": "SERUM", "brand": "Lumen Lab",
             "names": {"en": "Night Renewal 0.3 Retinol Serum", "lv": "Night Renewal serums ar 0,3% retinolu"},
             "descriptions": {"en": "A gentle 0.3% retinol serum for first-time users."},
             "ingredients": [{"inci": "Aqua"}, {"inci": "Squalane"}, {"inci": "Retinol", "percent": 0.3},
                             {"inci": "Sodium Hyaluronate", "percent": 0.5}],
             "actives": [{"code": "RETINOID", "percent": 0.3, "form": "Retinol", "trace": false},
                         {"code": "HYALURONIC_ACID", "percent": 0.5, "form": "Sodium Hyaluronate", "trace": false}],
             "containsFragrance": false, "concerns": ["FINE_LINES", "FIRMNESS"], "skinTypes": ["DRY", "NORMAL"],
             "areas": ["FACE"], "timeOfDay": "PM", "format": "DROPPER", "texture": "SERUM",
             "size": {"amount": 30, "unit": "ML"}, "price": {"amount": "34.50", "currency": "EUR"}, "stock": 40,
             "updatedAt": "2025-12-01T09:30:00Z", "unrecognizedIngredients": []}
            """;

    static final String IMPORT_REPORT = """
            {"received": 3, "created": 1, "updated": 0, "unchanged": 1, "rejected": 1, "lines": [
              {"line": 1, "sku": "SER-RETINOL03-30", "outcome": "CREATED", "version": 1,
               "warnings": [{"field": "ingredients[5].inci", "message": "'Tocoferol' is not in the INCI dictionary: stored, but no safety rule can read it; check the spelling"}]},
              {"line": 2, "sku": "CLN-GEL-150", "outcome": "UNCHANGED", "version": 4},
              {"line": 3, "sku": "SER-X", "outcome": "REJECTED",
               "violations": [{"field": "category", "message": "must be one of CLEANSER, EXFOLIANT, SERUM, MOISTURIZER, SUNSCREEN"}]}]}
            """;

    private ProductExamples() {}
}
