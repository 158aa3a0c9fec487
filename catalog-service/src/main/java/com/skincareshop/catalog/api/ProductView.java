package com.skincareshop.catalog.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Locales;

/**
 * A product as the API shows it: the full state (every translation, for merchandisers) plus its name and
 * description in the requested locale, falling back to English, for the storefront.
 */
public record ProductView(String locale, String name, String description, @JsonUnwrapped ProductState product) {

    public static ProductView of(ProductState product, String requestedLocale) {
        String locale = Locales.resolve(requestedLocale);
        return new ProductView(locale,
                product.names().getOrDefault(locale, product.names().get(Locales.ENGLISH)),
                product.descriptions().getOrDefault(locale, product.descriptions().get(Locales.ENGLISH)),
                product);
    }
}
