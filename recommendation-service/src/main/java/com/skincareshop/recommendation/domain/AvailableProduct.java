package com.skincareshop.recommendation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A product on sale and in stock, as last noticed. */
@Entity
@Table(name = "available_product")
public class AvailableProduct {

    @Id
    String sku;

    long version;

    @Column(name = "noticed_at")
    Instant noticedAt;

    protected AvailableProduct() {
        // for JPA
    }
}
