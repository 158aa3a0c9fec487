package com.skincareshop.recommendation.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The drift queue ({@code catalog_drift}). */
@ApplicationScoped
public class CatalogDriftRepository implements PanacheRepositoryBase<CatalogDrift, String> {

    /**
     * Queues the skus some customer holds below the given version (sku to version), raising a queued version;
     * returns how many rows were written. Native: JPQL has no {@code insert ... on conflict} nor {@code unnest}.
     */
    public int queueHeldBelow(Map<String, Long> versions, Instant noticedAt) {
        if (versions.isEmpty()) {
            return 0;
        }
        List<String> skus = List.copyOf(versions.keySet());
        return getEntityManager()
                .createNativeQuery("""
                        insert into catalog_drift (sku, version, noticed_at)
                        select u.sku, u.version, ?1 from unnest(cast(?2 as text[]), cast(?3 as bigint[])) as u(sku, version)
                        where exists (select 1 from issued_product i where i.sku = u.sku and i.product_version < u.version)
                        on conflict (sku) do update set version = greatest(catalog_drift.version, excluded.version),
                                                        noticed_at = excluded.noticed_at""")
                .setParameter(1, noticedAt)
                .setParameter(2, skus.toArray(String[]::new))
                .setParameter(3, skus.stream().map(versions::get).toArray(Long[]::new))
                .executeUpdate();
    }

    /** The oldest {@code limit} rows of the queue, first noticed first. */
    public List<CatalogDrift> listOldest(int limit) {
        return findAll(Sort.by("noticedAt").and("sku")).page(0, limit).list();
    }

    /**
     * Deletes the row queued for {@code sku} at {@code version} unless a customer still holds the sku below
     * {@code heldBelow}. Native: {@code issued_product} is written only set-based and has no entity.
     */
    public void deleteUnlessHeldBelow(String sku, long version, long heldBelow) {
        getEntityManager()
                .createNativeQuery("""
                        delete from catalog_drift where sku = ?1 and version = ?2
                        and not exists (select 1 from issued_product where sku = ?3 and product_version < ?4)""")
                .setParameter(1, sku)
                .setParameter(2, version)
                .setParameter(3, sku)
                .setParameter(4, heldBelow)
                .executeUpdate();
    }
}
