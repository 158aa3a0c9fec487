package com.skincareshop.contracts.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An order-independent digest of a catalogue's (sku, version) pairs: the sum of one 48-bit hash per product,
 * modulo 2^48. A copy of the catalogue (recommendation-service's table, exposed as the metric
 * {@code catalog_table_digest}) can then be compared with its source without listing it. 48 bits keep the value
 * exact in a double, which is what a Prometheus gauge carries.
 */
public final class CatalogDigest {

    private static final long MASK = (1L << 48) - 1;

    private CatalogDigest() {}

    /** The term one product contributes. */
    public static long term(String sku, long version) {
        long hash = 0xcbf29ce484222325L; // FNV-1a over "sku:version"...
        for (byte b : (sku + ':' + version).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33; // ...then a 64-bit finalizer, so that nearby versions spread over all bits
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash & MASK;
    }

    public static long plus(long digest, long term) {
        return (digest + term) & MASK;
    }

    public static long minus(long digest, long term) {
        return (digest - term) & MASK;
    }

    /** The digest of a whole catalogue, sku to version. */
    public static long of(Map<String, Long> versions) {
        long digest = 0;
        for (Map.Entry<String, Long> product : versions.entrySet()) {
            digest = plus(digest, term(product.getKey(), product.getValue()));
        }
        return digest;
    }
}
