package com.skincareshop.recommendation.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The products known to be on sale and in stock ({@code available_product}). */
@ApplicationScoped
public class AvailableProductRepository implements PanacheRepositoryBase<AvailableProduct, String> {

    public Set<String> listSkus() {
        return new HashSet<>(getEntityManager()
                .createQuery("select a.sku from AvailableProduct a", String.class)
                .getResultList());
    }

    /**
     * Records the products (sku to version) as available; returns those not known before. Native: JPQL has no
     * {@code insert ... on conflict do nothing returning}.
     */
    public Map<String, Long> insertUnknown(Map<String, Long> available, Instant noticedAt) {
        Map<String, Long> inserted = new HashMap<>();
        if (available.isEmpty()) {
            return inserted;
        }
        List<String> skus = List.copyOf(available.keySet());
        List<?> rows = getEntityManager()
                .createNativeQuery("""
                        insert into available_product (sku, version, noticed_at)
                        select u.sku, u.version, ?1 from unnest(cast(?2 as text[]), cast(?3 as bigint[])) as u(sku, version)
                        on conflict (sku) do nothing returning sku""")
                .setParameter(1, noticedAt)
                .setParameter(2, skus.toArray(String[]::new))
                .setParameter(3, skus.stream().map(available::get).toArray(Long[]::new))
                .getResultList();
        for (Object sku : rows) {
            inserted.put((String) sku, available.get(sku));
        }
        return inserted;
    }

    /**
     * Forgets the products, so that their return counts as new. An array, not an in-list: a reconciliation may
     * forget a whole catalogue, more skus than a statement may have parameters.
     */
    public void forget(List<String> skus) {
        if (skus.isEmpty()) {
            return;
        }
        getEntityManager()
                .createNativeQuery("delete from available_product where sku = any(?1)")
                .setParameter(1, skus.toArray(String[]::new))
                .executeUpdate();
    }
}
