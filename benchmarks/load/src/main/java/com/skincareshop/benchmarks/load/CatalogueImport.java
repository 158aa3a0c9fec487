package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.catalog.ProductState;
import java.time.Duration;
import java.util.List;

/**
 * Products into catalog-service through its NDJSON import, as a merchandiser would load them: from there they
 * take the real path to recommendation-service (outbox, relay, {@code catalog.products.v1}, catalogue table).
 */
final class CatalogueImport {

    /** What the catalogue manages itself (version, derived actives, timestamps) is not part of an import line. */
    @JsonIgnoreProperties({"version", "actives", "containsFragrance", "updatedAt"})
    private interface AsMerchandiserInput {}

    private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProductState.class, AsMerchandiserInput.class);

    private CatalogueImport() {}

    /** One import line (ProductInput's shape) for a product. */
    static ObjectNode line(ProductState product) {
        return JSON.valueToTree(product);
    }

    /**
     * Imports the lines in requests of {@code batch} lines; any rejected line stops the tool. catalog-service
     * stores each line in a transaction of its own, so a large import takes a while: progress is printed.
     * {@code merchandiser}: a merchandiser's token the service accepts.
     */
    static void run(String catalogUrl, String merchandiser, List<ObjectNode> lines, int batch) throws Exception {
        long started = System.nanoTime();
        for (int from = 0; from < lines.size(); from += batch) {
            StringBuilder body = new StringBuilder();
            lines.subList(from, Math.min(lines.size(), from + batch))
                    .forEach(l -> body.append(l).append('\n'));
            JsonNode report = JSON.readTree(Load.call(
                            "POST",
                            catalogUrl + "/api/products/import",
                            merchandiser,
                            "application/x-ndjson",
                            body.toString(),
                            Duration.ofMinutes(10))
                    .body());
            if (report.path("rejected").asInt() != 0) {
                throw new IllegalStateException("the import rejected lines: "
                        + report.toString()
                                .substring(0, Math.min(2000, report.toString().length())));
            }
            int done = Math.min(lines.size(), from + batch);
            if (lines.size() > batch) {
                System.out.printf(
                        "  imported %,d of %,d products (%.0f lines/s)%n",
                        done, lines.size(), done / ((System.nanoTime() - started) / 1e9));
            }
        }
    }

    /** Waits until recommendation-service's catalogue table holds {@code products} products (its metric). */
    static void awaitCatalogueTable(String recommendationUrl, long products, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double held = 0;
        while ((held = Load.metric(recommendationUrl, "catalog_table_products").orElse(0.0)) < products) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("recommendation-service holds " + held + " products after " + timeout
                        + "; expected " + products);
            }
            Thread.sleep(200);
        }
    }
}
