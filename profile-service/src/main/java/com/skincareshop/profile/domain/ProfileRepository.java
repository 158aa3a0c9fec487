package com.skincareshop.profile.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

/** Customers' current answers. */
@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<Profile, String> {

    /** The profile, its row locked until the transaction ends; empty when there is none (nothing is locked). */
    public Optional<Profile> lockForUpdate(String customerId) {
        return findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE);
    }
}
