package com.skincareshop.profile.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;

/** Erased customers and the version each erasure took. */
@ApplicationScoped
public class ProfileErasureRepository implements PanacheRepositoryBase<ProfileErasure, String> {

    /** The version the customer's last erasure took, its row locked until the transaction ends; empty if never erased. */
    public Optional<Long> lockErasedVersion(String customerId) {
        return findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE).map(ProfileErasure::version);
    }

    /** The customer answered again: the profile row now carries the version. */
    public void forget(String customerId) {
        delete("customerId", customerId);
    }

    /**
     * Records the erasure at {@code version}, keeping the larger version if a concurrent erasure of the same
     * customer inserted the row meanwhile. Native: JPQL has no {@code insert ... on conflict}.
     */
    public void record(String customerId, long version, Instant erasedAt) {
        getEntityManager()
                .createNativeQuery("""
                        insert into profile_erasure (customer_id, version, erased_at) values (?1, ?2, ?3)
                        on conflict (customer_id) do update
                        set version = greatest(profile_erasure.version, excluded.version), erased_at = excluded.erased_at""")
                .setParameter(1, customerId)
                .setParameter(2, version)
                .setParameter(3, erasedAt)
                .executeUpdate();
    }
}
