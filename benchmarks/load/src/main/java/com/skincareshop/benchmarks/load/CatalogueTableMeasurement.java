package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The catalogue table of recommendation-service at scale: for each catalogue size, on a fresh
 * {@code catalog.products.v1}, the products are published as catalog-service publishes them, then the service starts
 * (production profile, {@code -Xmx384m} as in the stack) and reads the whole topic before it reports ready. Measured:
 * the time from the process's start to ready, and the heap in use after a full GC once ready. The first size, 0 (an
 * empty topic), is the floor: what the service takes to start and what it holds without a catalogue.
 *
 * <p>The products are the demo catalogue's, again and again under new skus: real product copy, with names and
 * descriptions in English, Tagalog and Latvian (1.5-2.4 kB of JSON each), as a shop's catalogue would carry.
 *
 * <p>Arguments: the repository root, the sizes (default "0,10000,100000"), the rounds per size (default 3).
 */
public final class CatalogueTableMeasurement {

    private static final int PARTITIONS = 6;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** One round's figures. */
    private record Round(int products, double readySeconds, double heapMiB) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<Integer> sizes = Arrays.stream((args.length > 1 ? args[1] : "0,10000,100000").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> demo =
                Files.readAllLines(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")).stream()
                        .filter(l -> !l.isBlank())
                        .toList();
        List<Round> results = new ArrayList<>();
        try (KafkaBroker broker = KafkaBroker.temporary().start();
                Admin admin = Admin.create(broker.adminClientConfig())) {
            for (int size : sizes) {
                freshTopic(admin);
                DirectEvents.products(broker, products(demo, size));
                System.out.printf("%n-- %,d products published --%n", size);
                for (int round = 1; round <= rounds; round++) {
                    Round measured = measure(root, broker, size);
                    System.out.printf(
                            "round %d: ready after %.2f s, heap after a full GC %.1f MiB%n",
                            round, measured.readySeconds(), measured.heapMiB());
                    results.add(measured);
                }
            }
        }
        System.out.println();
        System.out.printf("== Catalogue table: recommendation-service reading catalog.products.v1, -Xmx384m ==%n");
        System.out.printf(
                "%-10s %16s %22s %20s %22s%n",
                "products", "ready (median)", "ready minus empty", "heap (median)", "heap minus empty");
        double emptyReady = Double.NaN;
        double emptyHeap = Double.NaN;
        for (int size : sizes) {
            double ready = median(results, size, Round::readySeconds);
            double heap = median(results, size, Round::heapMiB);
            if (size == 0) {
                emptyReady = ready;
                emptyHeap = heap;
            }
            System.out.printf(
                    "%-10s %14.2f s %20.2f s %16.1f MiB %18.1f MiB%n",
                    String.format("%,d", size), ready, ready - emptyReady, heap, heap - emptyHeap);
        }
        System.out.println("(ready: from the process's start to the first 200 of /q/health/ready, which waits for the"
                + " table to read the topic up to its end; heap: jcmd GC.run, then GC.heap_info's used; medians of the"
                + " rounds; \"minus empty\": against the same service on an empty topic, in the same run)");
    }

    private static double median(List<Round> results, int size, ToDoubleFunction<Round> figure) {
        double[] values = results.stream()
                .filter(r -> r.products() == size)
                .mapToDouble(figure)
                .sorted()
                .toArray();
        return values[values.length / 2];
    }

    /** The demo catalogue's products under skus of their own, as catalog-service would publish them: version 1. */
    static List<ProductState> products(List<String> demo, int count) throws IOException {
        List<ProductState> products = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            ObjectNode line = (ObjectNode) JSON.readTree(demo.get(i % demo.size()));
            line.put("sku", line.path("sku").asText() + "-T" + i);
            line.put("version", 1);
            if (!line.hasNonNull("status")) {
                line.put("status", "ACTIVE");
            }
            line.put("updatedAt", now.toString());
            products.add(JSON.treeToValue(line, ProductState.class).withDerivedIngredients());
        }
        return products;
    }

    private static Round measure(Path root, KafkaBroker broker, int size) throws Exception {
        Stack.Service service = Stack.onFreePorts("bench_").get(2); // recommendation-service alone
        try (Stack stack = new Stack(
                        root, root.resolve("benchmarks/load/target/catalogue-table-logs"), broker, List.of(service))
                .provisionDatabases(true)) {
            long started = System.nanoTime();
            stack.start();
            stack.awaitReady(Duration.ofMinutes(5));
            double ready = (System.nanoTime() - started) / 1e9;
            long pid = stack.pids().get(service.name());
            jcmd(pid, "GC.run");
            String heapInfo = jcmd(pid, "GC.heap_info");
            Matcher used = HEAP_USED.matcher(heapInfo);
            if (!used.find()) {
                throw new IllegalStateException("no heap figure in: " + heapInfo);
            }
            double count = Load.metric(service.url(), "catalog_table_products").orElse(Double.NaN);
            if (count != size) {
                throw new IllegalStateException("the table holds " + count + " products, not " + size);
            }
            return new Round(size, ready, Long.parseLong(used.group(1)) / 1024.0);
        }
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(pid),
                        command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    /**
     * The catalogue topic deleted and created afresh (compacted, as catalog-service creates it); the profile topic too,
     * once, which the service waits for.
     */
    private static void freshTopic(Admin admin) throws Exception {
        BenchTopics.createIfAbsent(admin, Topics.PROFILES_SKIN, PARTITIONS);
        BenchTopics.recreate(admin, Topics.CATALOG_PRODUCTS, PARTITIONS);
    }
}
