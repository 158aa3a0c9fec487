package com.skincareshop.benchmarks.load;

import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up time and resident memory of each service: the three packaged services start
 * together, several rounds, on a throw-away broker and fresh databases. Time is from process start to the first
 * ready answer of /q/health/ready; RSS is read from /proc once ready and again after 500 requests.
 *
 * <p>Arguments: the repository root, and the number of rounds (default 5).
 */
public final class StartupMeasurement {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            // all three at once (a cold start of the stack: 3 JVMs share 2 cores), then each alone
            report("started together", measure(root, broker, rounds, List.of(List.of(0, 1, 2))));
            report("started alone", measure(root, broker, rounds, List.of(List.of(0), List.of(1), List.of(2))));
        }
    }

    private record Figures(
            Map<String, List<Long>> readyMillis, Map<String, List<Long>> rssReady, Map<String, List<Long>> rssWarm) {}

    private static Figures measure(Path root, KafkaBroker broker, int rounds, List<List<Integer>> groups)
            throws Exception {
        Figures figures = new Figures(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < rounds; round++) {
            for (List<Integer> group : groups) {
                List<Stack.Service> all = Stack.onFreePorts("bench_");
                List<Stack.Service> services = group.stream().map(all::get).toList();
                try (Stack stack = new Stack(
                                root, root.resolve("benchmarks/load/target/startup-logs"), broker, services)
                        .provisionDatabases(true)) {
                    long started = System.nanoTime();
                    stack.start();
                    Map<String, Long> pids = stack.pids();
                    for (Stack.Service service : services) {
                        long ready = awaitReady(http, service, started);
                        figures.readyMillis()
                                .computeIfAbsent(service.name(), k -> new ArrayList<>())
                                .add(ready);
                        figures.rssReady()
                                .computeIfAbsent(service.name(), k -> new ArrayList<>())
                                .add(rssKb(pids.get(service.name())));
                    }
                    for (Stack.Service service : services) {
                        for (int i = 0; i < 500; i++) {
                            http.send(
                                    HttpRequest.newBuilder(URI.create(warmUrl(service)))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                        }
                        figures.rssWarm()
                                .computeIfAbsent(service.name(), k -> new ArrayList<>())
                                .add(rssKb(pids.get(service.name())));
                    }
                }
            }
        }
        return figures;
    }

    private static void report(String title, Figures figures) {
        System.out.println(title + ":");
        System.out.printf(
                "  %-24s %16s %16s %22s  %s%n",
                "service", "ready (ms, med)", "RSS ready (MiB)", "RSS after 500 req (MiB)", "ready times (ms)");
        for (String service : figures.readyMillis().keySet()) {
            System.out.printf(
                    "  %-24s %16d %16d %22d  %s%n",
                    service,
                    median(figures.readyMillis().get(service)),
                    median(figures.rssReady().get(service)) / 1024,
                    median(figures.rssWarm().get(service)) / 1024,
                    figures.readyMillis().get(service));
        }
    }

    private static String warmUrl(Stack.Service service) {
        return switch (service.name()) {
            case "catalog-service" -> service.url() + "/api/products?size=20";
            case "profile-service" -> service.url() + "/api/questionnaire?locale=lv";
            default -> service.managementUrl() + "/q/health/ready";
        };
    }

    /** Milliseconds from {@code started} to ready, probing every 20 ms (Stack's own wait polls more slowly). */
    private static long awaitReady(HttpClient http, Stack.Service service, long started) throws InterruptedException {
        while (!Stack.ready(http, service)) {
            if ((System.nanoTime() - started) > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException(service.name() + " not ready after 2 minutes");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
