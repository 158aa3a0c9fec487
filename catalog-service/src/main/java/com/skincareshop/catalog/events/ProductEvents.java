package com.skincareshop.catalog.events;

import com.skincareshop.catalog.domain.Product;
import com.skincareshop.catalog.domain.ProductPublisher;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/** What the catalogue publishes: the full state of a product after each change, keyed by sku. */
@ApplicationScoped
public class ProductEvents implements ProductPublisher {

    private final Outbox outbox;

    public ProductEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void changed(Product product) {
        outbox.record(Topics.CATALOG_PRODUCTS, product.sku(), EventTypes.PRODUCT_CHANGED, product.toState());
    }
}
