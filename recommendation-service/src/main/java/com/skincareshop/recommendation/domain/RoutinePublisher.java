package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.recommendation.RoutineIssued;
import com.skincareshop.recommendation.engine.Routine;
import java.time.Instant;

/**
 * How recommendation-service tells marketing which routine a consenting customer was issued, or that it is
 * withdrawn. Called inside the issuing transaction; the events adapter writes it to the outbox.
 */
public interface RoutinePublisher {

    void issued(Routine routine, Instant issuedAt, long revision, RoutineIssued.Cause cause);

    /** Erasure or withdrawn consent: what was published for the customer goes too. */
    void withdrawn(String customerId);
}
