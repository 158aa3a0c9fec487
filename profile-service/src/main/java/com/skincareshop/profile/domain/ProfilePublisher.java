package com.skincareshop.profile.domain;

import com.skincareshop.contracts.profile.SkinProfile;

/**
 * How profile-service tells other services that a customer's answers changed or were erased. Called inside the
 * change's transaction; the events adapter writes it to the outbox, so the domain knows nothing of topics or Kafka.
 */
public interface ProfilePublisher {

    /** The profile's full state after the change. */
    void changed(SkinProfile profile);

    /** The erasure, with the version it took: consumers delete only what is older. */
    void erased(String customerId, long erasureVersion);
}
