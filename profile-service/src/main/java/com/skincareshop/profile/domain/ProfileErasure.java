package com.skincareshop.profile.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An erased customer: the id and the version the erasure took, nothing they answered. */
@Entity
@Table(name = "profile_erasure")
public class ProfileErasure {

    @Id
    @Column(name = "customer_id")
    String customerId;

    long version;

    @Column(name = "erased_at")
    Instant erasedAt;

    protected ProfileErasure() {
        // for JPA
    }

    public long version() {
        return version;
    }
}
