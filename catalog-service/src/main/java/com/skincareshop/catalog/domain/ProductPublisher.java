package com.skincareshop.catalog.domain;

/**
 * How the catalogue tells other services that a product changed. Called inside the change's transaction; the
 * events adapter writes it to the outbox, so the domain knows nothing of topics or Kafka.
 */
public interface ProductPublisher {

    /** The product's full state after the change. */
    void changed(Product product);
}
