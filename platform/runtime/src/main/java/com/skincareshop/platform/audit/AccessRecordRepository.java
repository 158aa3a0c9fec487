package com.skincareshop.platform.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The audit trail; rows are only ever added here. */
@ApplicationScoped
public class AccessRecordRepository implements PanacheRepositoryBase<AccessRecord, Long> {

    /** Every access to the customer's data, oldest first. */
    public List<AccessRecord> listFor(String customerId) {
        return list("customerId", Sort.by("recordedAt").and("id"), customerId);
    }
}
