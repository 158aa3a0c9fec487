package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The NDJSON bulk import against its floor, side by side in each round: {@code POST /api/products/import} of a file
 * of new products (the demo catalogue's lines under new skus), the same file again (every line unchanged), and
 * PostgreSQL's own {@code COPY} of the product rows that import stored, into a table of the same shape. Two first
 * rounds warm the JIT up and are reported but not counted; then medians of the rounds, as lines a second and as the
 * import's share of COPY's rate.
 *
 * <p>Arguments: the repository root, lines per file (default 6,800), counted rounds (default 3).
 */
public final class ImportMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rounds that warm the JIT up first: the third round of a fresh service was still a quarter faster than the first. */
    private static final int WARM_UP_ROUNDS = 2;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 6_800;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> demo =
                Files.readAllLines(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")).stream()
                        .filter(line -> !line.isBlank())
                        .toList();
        LocalPostgres postgres = LocalPostgres.fromEnvironment();
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            // catalog-service alone: the other services consume its events on their own machines in production, and
            // here they would take the CPU of the import (and of COPY's PostgreSQL) on the same two cores
            Stack.Service catalog = Stack.onFreePorts("bench_").get(0);
            List<Stack.Service> services = List.of(catalog);
            try (Stack stack = new Stack(
                            root, root.resolve("benchmarks/load/target/import-logs"), broker, services, postgres)
                    .provisionDatabases(true)
                    .start()
                    .awaitReady(Duration.ofSeconds(180))) {
                String token = stack.tokens().merchandiser();
                List<double[]> figures = new ArrayList<>();
                for (int round = 1 - WARM_UP_ROUNDS; round <= rounds; round++) {
                    String prefix = "IMP" + (round + WARM_UP_ROUNDS);
                    byte[] file = file(demo, prefix, lines);
                    double created = timedImport(catalog.url(), token, file, "created", lines);
                    double unchanged = timedImport(catalog.url(), token, file, "unchanged", lines);
                    double copy = copyRate(postgres.jdbcUrl(catalog.database()), catalog.role(), prefix, lines);
                    if (round > 0) {
                        figures.add(new double[] {created, unchanged, copy});
                    }
                    System.out.printf(
                            Locale.ROOT,
                            (round <= 0 ? "warm-up round, not counted" : "round %1$d")
                                    + ": %2$,d lines (%3$.1f MB): new %4$,.0f lines/s, unchanged %5$,.0f lines/s,"
                                    + " COPY of the same rows %6$,.0f rows/s%n",
                            round,
                            lines,
                            file.length / 1e6,
                            created,
                            unchanged,
                            copy);
                }
                double created = median(figures, 0);
                double unchanged = median(figures, 1);
                double copy = median(figures, 2);
                System.out.printf(
                        Locale.ROOT,
                        "%nmedians of %d rounds, %,d lines each: new %,.0f lines/s (%.3f x COPY),"
                                + " unchanged %,.0f lines/s (%.3f x COPY), COPY %,.0f rows/s%n",
                        rounds,
                        lines,
                        created,
                        created / copy,
                        unchanged,
                        unchanged / copy,
                        copy);
            }
        }
    }

    /** The demo catalogue's lines, again and again, each under a new sku of this prefix. */
    private static byte[] file(List<String> demo, String prefix, int lines) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            ObjectNode product = (ObjectNode) JSON.readTree(demo.get(i % demo.size()));
            product.put("sku", prefix + "-" + i);
            ndjson.append(JSON.writeValueAsString(product)).append('\n');
        }
        return ndjson.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lines a second of one import, which must report every line with this outcome. */
    private static double timedImport(String catalog, String token, byte[] file, String outcome, int lines)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(catalog + "/api/products/import"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the import answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode report = JSON.readTree(response.body());
        if (report.get(outcome).asInt() != lines) {
            throw new IllegalStateException("expected " + lines + " lines " + outcome + ", the report says "
                    + report.get("created") + " created, " + report.get("updated") + " updated, "
                    + report.get("unchanged") + " unchanged, " + report.get("rejected") + " rejected");
        }
        return lines / seconds;
    }

    /**
     * Rows a second of PostgreSQL's COPY of the rows the import stored (read out first, not timed) into a table of
     * the same shape: what writing the same data costs the database with no service in front of it.
     */
    private static double copyRate(String jdbcUrl, String role, String prefix, int lines) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, role, role);
                Statement statement = connection.createStatement()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            long read = copy.copyOut("copy (select * from product where sku like '" + prefix + "-%') to stdout", rows);
            if (read != lines) {
                throw new IllegalStateException("the import stored " + read + " rows of " + prefix);
            }
            statement.execute("drop table if exists product_copy_floor");
            statement.execute("create table product_copy_floor (like product including all)");
            try {
                long started = System.nanoTime();
                copy.copyIn("copy product_copy_floor from stdin", new ByteArrayInputStream(rows.toByteArray()));
                return lines / ((System.nanoTime() - started) / 1e9);
            } finally {
                statement.execute("drop table product_copy_floor");
            }
        }
    }

    private static double median(List<double[]> figures, int column) {
        double[] values = figures.stream().mapToDouble(f -> f[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
