package com.skincareshop.recommendation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An erasure marker: the customer and the version erased up to, nothing they answered. */
@Entity
@Table(name = "erased_customer")
public class ErasedCustomer {

    @Id
    @Column(name = "customer_id")
    String customerId;

    @Column(name = "erased_version")
    long erasedVersion;

    @Column(name = "erased_at")
    Instant erasedAt;

    protected ErasedCustomer() {
        // for JPA
    }
}
