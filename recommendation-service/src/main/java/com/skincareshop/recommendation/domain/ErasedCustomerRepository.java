package com.skincareshop.recommendation.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Erasure markers ({@code erased_customer}). */
@ApplicationScoped
public class ErasedCustomerRepository implements PanacheRepositoryBase<ErasedCustomer, String> {

    /**
     * Marks the customer erased up to {@code version}, keeping the larger version if a marker exists. Native: JPQL
     * has no {@code insert ... on conflict}.
     */
    public void markErased(String customerId, long version, Instant erasedAt) {
        getEntityManager()
                .createNativeQuery("""
                        insert into erased_customer (customer_id, erased_version, erased_at) values (?1, ?2, ?3)
                        on conflict (customer_id) do update
                        set erased_version = greatest(erased_customer.erased_version, excluded.erased_version),
                            erased_at = excluded.erased_at""")
                .setParameter(1, customerId)
                .setParameter(2, version)
                .setParameter(3, erasedAt)
                .executeUpdate();
    }

    /** Deletes the markers set before {@code cutoff}; returns how many. */
    public long deleteMarkedBefore(Instant cutoff) {
        return delete("erasedAt < ?1", cutoff);
    }
}
