package com.skincareshop.profile.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The history of customers' answers. */
@ApplicationScoped
public class ProfileVersionRepository implements PanacheRepositoryBase<ProfileVersion, ProfileVersion.Key> {

    /** Every version the customer answered, newest first. */
    public List<ProfileVersion> listHistory(String customerId) {
        return list("customerId", Sort.descending("version"), customerId);
    }

    public long deleteHistory(String customerId) {
        return delete("customerId", customerId);
    }
}
