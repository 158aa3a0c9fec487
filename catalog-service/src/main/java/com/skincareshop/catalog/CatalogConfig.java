package com.skincareshop.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting of catalog-service of its own ({@code catalog.*}; environment variables such as
 * {@code CATALOG_IMPORT_MAX_LINES} override them), in one place, checked at start-up: a misspelt key under the
 * prefix or a value of the wrong type stops the service instead of being ignored.
 */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** {@code catalog.import.*}: the NDJSON bulk import. */
    @WithName("import")
    Import bulkImport();

    ReadCache readCache();

    interface Import {
        /** Lines one import may hold; a longer body is refused (413) before any line lands. */
        @WithDefault("20000")
        int maxLines();
    }

    /** The cache of products' read states by (sku, version), which spares re-deriving them from the INCI list. */
    interface ReadCache {
        @WithDefault("10000")
        long size();
    }
}
