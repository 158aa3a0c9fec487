package com.skincareshop.recommendation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A consenting customer's current issued record: its revision and content digest. Its products are in
 * {@code issued_product}, written with it by {@link IssuedRoutineRepository}.
 */
@Entity
@Table(name = "issued_routine")
public class IssuedRoutine {

    @Id
    @Column(name = "customer_id")
    String customerId;

    @Column(name = "profile_version")
    long profileVersion;

    long revision;

    @Column(name = "content_digest")
    String contentDigest;

    @Column(name = "evaluated_at")
    Instant evaluatedAt;

    protected IssuedRoutine() {
        // for JPA
    }
}
