package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.platform.stack.HostileRequests;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile-request corpus ({@link HostileRequests}) at full size against a stack of its own (throw-away broker,
 * fresh {@code hostile_*} databases, the demo catalogue), run twice: first with another seed, to warm the services
 * up (the JIT, and the heap the JVM grows into under this traffic), then the measured pass, whose memory is watched
 * from its start. Arguments: {@code <repository root> [requests per service] [seed]}.
 */
public final class HostileRequestsMeasurement {

    private HostileRequestsMeasurement() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int perService = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        boolean passed;
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            List<Stack.Service> services = Stack.onFreePorts("hostile_");
            try (Stack stack = new Stack(
                            root, root.resolve("benchmarks/load/target/hostile-requests-logs"), broker, services)
                    .provisionDatabases(true)
                    .start()
                    .awaitReady(Duration.ofSeconds(180))) {
                String catalog = services.get(0).url();
                List<ObjectNode> demo = new ArrayList<>();
                for (String line :
                        Files.readAllLines(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson"))) {
                    if (!line.isBlank()) {
                        demo.add((ObjectNode) new ObjectMapper().readTree(line));
                    }
                }
                CatalogueImport.run(catalog, stack.tokens().merchandiser(), demo, 1_000);
                CatalogueImport.awaitCatalogueTable(services.get(2).url(), demo.size(), Duration.ofMinutes(2));
                // a first pass of the same size with another seed warms the services up (JIT, and the heap the JVM
                // grows into under this traffic): what the second pass adds to the memory is what the corpus retains
                Map<String, Long> ready = new LinkedHashMap<>();
                stack.pids().forEach((service, pid) -> ready.put(service, HostileRequests.residentMemoryMib(pid)));
                HostileRequests.Outcome warmUp = new HostileRequests(
                                catalog,
                                services.get(1).url(),
                                services.get(2).url(),
                                stack.tokens(),
                                seed + 1,
                                stack.pids())
                        .run(perService);
                System.out.println("warm-up: " + warmUp.requests() + " requests, 5xx: " + warmUp.serverErrors()
                        + ", 4xx not problem+json: " + warmUp.notProblemJson() + ", stored data unchanged: "
                        + warmUp.dataUnchanged() + " (its memory is the JVM's growth into its heap, not judged)");
                warmUp.rssMib()
                        .forEach((service, rss) -> System.out.printf(
                                "%s resident memory: %d MiB when ready, at most" + " %d MiB during the warm-up%n",
                                service, ready.get(service), rss[1]));
                long started = System.nanoTime();
                HostileRequests.Outcome outcome = new HostileRequests(
                                catalog,
                                services.get(1).url(),
                                services.get(2).url(),
                                stack.tokens(),
                                seed,
                                stack.pids())
                        .run(perService);
                print(outcome, (System.nanoTime() - started) / 1e9);
                passed = outcome.passed();
                if (stack.exitedService().isPresent()) {
                    System.out.println("FAILED: " + stack.exitedService().get() + " exited during the run");
                    passed = false;
                }
            }
        }
        System.out.println(passed ? "PASSED" : "FAILED");
        System.exit(passed ? 0 : 1);
    }

    private static void print(HostileRequests.Outcome outcome, double seconds) {
        System.out.printf(
                "%d hostile requests in %.0f s; answers by status: %s%n",
                outcome.requests(), seconds, outcome.byStatus());
        System.out.printf(
                "%-16s %8s %-44s %7s %11s %17s%n",
                "service", "requests", "by status", "closed", "slowest ms", "largest 4xx bytes");
        outcome.byService()
                .forEach((service, tally) -> System.out.printf(
                        "%-16s %8d %-44s %7d %11d %17d%n",
                        service,
                        tally.requests(),
                        tally.byStatus(),
                        tally.closed(),
                        tally.slowestMillis(),
                        tally.largestProblemBytes()));
        outcome.rssMib()
                .forEach((service, rss) -> System.out.printf(
                        "%s resident memory: %d MiB at the start, at most %d MiB" + " (+%d)%n",
                        service, rss[0], rss[1], rss[1] - rss[0]));
        System.out.println("5xx: " + outcome.serverErrors() + ", 4xx not problem+json: " + outcome.notProblemJson()
                + ", stored data unchanged: " + outcome.dataUnchanged());
        outcome.failures().stream().limit(20).forEach(f -> System.out.println("  " + f));
    }
}
