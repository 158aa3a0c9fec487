package com.skincareshop.catalog.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.platform.openapi.ApiDocument;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A product as the API shows it: the full state (every translation, for merchandisers) plus its name and
 * description in the requested locale, falling back to English, for the storefront.
 */
@Schema(
        name = "Product",
        description = "A product: its full state, and its name and description in `locale`",
        requiredProperties = {
            "locale",
            "name",
            "description",
            "sku",
            "version",
            "status",
            "category",
            "brand",
            "names",
            "descriptions",
            "ingredients",
            "actives",
            "containsFragrance",
            "concerns",
            "skinTypes",
            "areas",
            "timeOfDay",
            "format",
            "size",
            "price",
            "stock",
            "updatedAt",
            "unrecognizedIngredients"
        })
public record ProductView(
        @Schema(ref = ApiDocument.LOCALE) String locale,

        @Schema(description = "The name in `locale`, else in English")
        String name,

        @Schema(description = "The description in `locale`, else in English")
        String description,

        @JsonUnwrapped ProductState product) {

    public static ProductView of(ProductState product, String requestedLocale) {
        String locale = Locales.resolve(requestedLocale);
        return new ProductView(
                locale,
                product.names().getOrDefault(locale, product.names().get(Locales.ENGLISH)),
                product.descriptions()
                        .getOrDefault(locale, product.descriptions().get(Locales.ENGLISH)),
                product);
    }
}
