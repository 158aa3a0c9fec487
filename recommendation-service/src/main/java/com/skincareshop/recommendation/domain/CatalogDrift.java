package com.skincareshop.recommendation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the drift queue: customers holding {@code sku} below {@code version} are to be re-evaluated. */
@Entity
@Table(name = "catalog_drift")
public class CatalogDrift {

    @Id
    String sku;

    long version;

    @Column(name = "noticed_at")
    Instant noticedAt;

    protected CatalogDrift() {
        // for JPA
    }

    public String sku() {
        return sku;
    }

    public long version() {
        return version;
    }
}
