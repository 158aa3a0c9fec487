package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import com.skincareshop.platform.testing.SyntheticAnswers;
import com.skincareshop.platform.testing.SyntheticCatalogue;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * HTTP: recommendation-service's {@code GET /api/recommendations/{customerId}} for random
 * customers against its own {@code /q/health/live}, in one run, with a large catalogue and read model.
 *
 * <ol>
 *   <li>The three packaged services start on a throw-away broker and fresh {@code load_*} databases.</li>
 *   <li>{@link SyntheticCatalogue} products go onto {@code catalog.products.v1} as catalog-service publishes them
 *       (actives derived by the same dictionary); recommendation-service reads them into its catalogue table as
 *       in production. (catalog-service's NDJSON import stores each line in its own transaction: 10k lines take
 *       minutes on a busy machine, and it is not what this benchmark measures.)</li>
 *   <li>Profiles go straight onto {@code profiles.skin.v1} as profile-service publishes them (varied answers,
 *       validated and normalized by the same code, no marketing consent so that no routine is issued in the
 *       background); the tool waits until recommendation-service's read model holds them all.</li>
 *   <li>Maximum throughput: wrk (closed loop) against liveness, routines, and the routine of a customer without a
 *       profile (a 404: the token check, the read-model look-up and a problem+json answer, but no engine), rounds
 *       interleaved, after a warm-up long enough for the JIT to have compiled the engine.</li>
 *   <li>Latency at a fixed rate: an open-loop generator (wrk has no constant rate, and Debian has no wrk2), with
 *       latency from the time each request was due.</li>
 * </ol>
 *
 * <p>Routines are read as the storefront reads them, with the token the identity provider exchanged for each
 * customer (docs/design.md, "Delegation"): a token is bound to one customer, so the requests go to the first
 * {@value #TOKEN_POOL} customers (or all, if fewer), each with its own token, minted before the run. A customer's own
 * token costs the same to verify (one RS256 signature per request).
 *
 * <p>Arguments: repository root, products (10,000), profiles (100,000), seconds per phase (20), fixed rate (500/s),
 * wrk rounds (3), wrk connections (32).
 */
public final class HttpMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER_PREFIX = "c-load-";
    /** Customers that have no profile: their routine is a 404, the cost of a request without the engine. */
    private static final String UNKNOWN_PREFIX = "c-none-";
    /** Customers a token is minted for (each token is bound to its customer). */
    private static final int TOKEN_POOL = 20_000;

    private static final String LIVENESS = "/q/health/live";
    private static final String ROUTINES = "/api/recommendations/{id}";
    private static final String NO_PROFILE = "/api/recommendations/{no profile}";
    private static final Pattern WRK_RESULT = Pattern.compile(
            "WRK_RESULT requests=(\\d+) duration_us=(\\d+) status_errors=(\\d+) "
                    + "connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int profiles = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int connections = args.length > 6 ? Integer.parseInt(args[6]) : 32;
        System.out.printf(
                "HTTP benchmark: %,d products, %,d profiles, wrk -t2 -c%d -d%ds x %d rounds, then %d req/s for %d s%n",
                products, profiles, connections, seconds, rounds, rate, seconds);
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            List<Stack.Service> services = Stack.onFreePorts("load_");
            try (Stack stack = new Stack(root, root.resolve("benchmarks/load/target/http-logs"), broker, services)
                    .provisionDatabases(true)
                    .start()
                    .awaitReady(Duration.ofSeconds(180))) {
                Stack.Service recommendations = services.get(2);
                load(broker, recommendations, stack.tokens(), products, profiles);
                long pid = stack.pids().get(recommendations.name());
                measure(root, recommendations.url(), stack.tokens(), pid, profiles, seconds, rate, rounds, connections);
            }
        }
    }

    private static void load(
            KafkaBroker broker, Stack.Service recommendations, TokenIssuer tokens, int products, int profiles)
            throws Exception {
        long started = System.nanoTime();
        DirectEvents.products(broker, SyntheticCatalogue.generate(products, 42));
        System.out.printf("published %,d products to catalog.products.v1 in %.1f s%n", products, seconds(started));
        CatalogueImport.awaitCatalogueTable(recommendations.url(), products, Duration.ofMinutes(10));
        System.out.printf("recommendation-service's catalogue table holds them after %.1f s%n", seconds(started));

        started = System.nanoTime();
        SyntheticAnswers answers = new SyntheticAnswers(42);
        String[] locales = {"en", "tl", "lv"};
        DirectEvents.profiles(
                broker,
                profiles,
                i -> new SkinProfile(CUSTOMER_PREFIX + i, 1, 1, locales[i % 3], answers.nextNormalized(false), null));
        System.out.printf("published %,d profiles to profiles.skin.v1 in %.1f s%n", profiles, seconds(started));
        LocalPostgres postgres = LocalPostgres.fromEnvironment();
        try (Connection db = DriverManager.getConnection(
                postgres.jdbcUrl(recommendations.database()), recommendations.role(), recommendations.role())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (DirectEvents.materializedProfiles(db) < profiles) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the read model holds " + DirectEvents.materializedProfiles(db) + " profiles");
                }
                Thread.sleep(200);
            }
        }
        System.out.printf("recommendation-service's read model holds them after %.1f s%n", seconds(started));
        JsonNode routine = JSON.readTree(Load.call(
                        "GET",
                        recommendations.url() + "/api/recommendations/" + CUSTOMER_PREFIX + (profiles - 1),
                        tokens.storefrontFor(CUSTOMER_PREFIX + (profiles - 1)),
                        null,
                        null)
                .body());
        if (!routine.path("customerId").asText().equals(CUSTOMER_PREFIX + (profiles - 1))
                || routine.path("am").isEmpty()) {
            throw new IllegalStateException("unexpected routine: " + routine);
        }
    }

    /** One wrk run; {@code errors} leaves out the 404s asked for. */
    private record WrkRun(
            long requests,
            double seconds,
            long errors,
            double p50,
            double p90,
            double p99,
            double max,
            double cpuMillisPerRequest,
            double engineMillis) {
        double rate() {
            return requests / seconds;
        }
    }

    private static void measure(
            Path root,
            String url,
            TokenIssuer tokens,
            long pid,
            int customers,
            int seconds,
            int rate,
            int rounds,
            int connections)
            throws Exception {
        Path script = root.resolve("benchmarks/load/wrk/recommendations.lua");
        int pool = Math.min(customers, TOKEN_POOL);
        Map<String, String> known = storefrontTokens(tokens, CUSTOMER_PREFIX, pool);
        Map<String, String> unknownCustomers = storefrontTokens(tokens, UNKNOWN_PREFIX, pool);
        Path tokenFiles = root.resolve("benchmarks/load/target/http-tokens");
        Map<String, String> live = Map.of();
        Map<String, String> routines =
                Map.of("LOAD_PREFIX", CUSTOMER_PREFIX, "LOAD_TOKENS", write(tokenFiles.resolve("routines.txt"), known));
        Map<String, String> noProfile = Map.of(
                "LOAD_PREFIX",
                UNKNOWN_PREFIX,
                "LOAD_TOKENS",
                write(tokenFiles.resolve("no-profile.txt"), unknownCustomers));
        // the trivial request beside the routine: liveness, on the management port of the same process
        String liveUrl = Stack.managementUrlOf(url) + LIVENESS;
        var unknown = Load.HTTP.send(
                Load.request(
                        "GET",
                        url + "/api/recommendations/" + UNKNOWN_PREFIX + 0,
                        unknownCustomers.get(UNKNOWN_PREFIX + 0),
                        null,
                        null),
                HttpResponse.BodyHandlers.ofString());
        if (unknown.statusCode() != 404
                || !unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            throw new IllegalStateException(
                    "a customer without a profile answered " + unknown.statusCode() + ": " + unknown.body());
        }

        // Every customer asked once first: the rounds then compare held routines, not how much of the random
        // warm-up happened to reach every customer (on a slow day 40 s did not, and round 1 still built routines).
        askEachOnce(url, known, 200);
        askEachOnce(url, unknownCustomers, 404);
        // The first 20 s of routines ran at half the rate of the next 20 (C2 still compiling the engine): warm up
        // longer.
        System.out.println("warm-up (not counted): 40 s of routines, 5 s of each other endpoint");
        wrk(script, url, routines, 40, connections, pid);
        wrk(script, url, noProfile, 5, connections, pid);
        wrk(script, liveUrl, live, 5, connections, pid);

        Map<String, List<WrkRun>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (var endpoint : List.of(
                    Map.entry(LIVENESS, live), Map.entry(ROUTINES, routines), Map.entry(NO_PROFILE, noProfile))) {
                String target = endpoint.getValue().isEmpty() ? liveUrl : url;
                WrkRun run = wrk(script, target, endpoint.getValue(), seconds, connections, pid);
                runs.computeIfAbsent(endpoint.getKey(), k -> new ArrayList<>()).add(run);
                System.out.printf(
                        "round %d %-26s %,9.0f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d  CPU %.2f ms/req%s%n",
                        round,
                        endpoint.getKey(),
                        run.rate(),
                        run.p50(),
                        run.p99(),
                        run.errors(),
                        run.cpuMillisPerRequest(),
                        Double.isNaN(run.engineMillis())
                                ? ""
                                : String.format("  engine %.2f ms/routine", run.engineMillis()));
            }
        }

        System.out.printf(
                "fixed rate: %d req/s for %d s on each endpoint (open loop), after 5 s not counted%n", rate, seconds);
        Load.Tallies warmUp = new Load.Tallies(); // the generator's own JIT warm-up
        Load.drive(
                rate,
                Duration.ofSeconds(5),
                1_000,
                due -> warmUp.of("warm-up").send(Load.request("GET", liveUrl, null, null, null), due));
        Load.Tallies fixed = new Load.Tallies();
        Map<String, Load.Driven> driven = new LinkedHashMap<>();
        HttpRequest liveRequest = Load.request("GET", liveUrl, null, null, null);
        driven.put(
                LIVENESS,
                Load.drive(
                        rate,
                        Duration.ofSeconds(seconds),
                        1_000,
                        due -> fixed.of("GET /q/health/live").send(liveRequest, due)));
        Load.Tally routineTally = fixed.of("GET /api/recommendations/{id}");
        driven.put(ROUTINES, Load.drive(rate, Duration.ofSeconds(seconds), 1_000, due -> {
            String customer = CUSTOMER_PREFIX + ThreadLocalRandom.current().nextInt(pool);
            return routineTally
                    .send(
                            Load.request(
                                    "GET", url + "/api/recommendations/" + customer, known.get(customer), null, null),
                            due)
                    .thenAccept(response -> response.filter(r ->
                                    r.statusCode() == 200 && !r.body().contains("\"customerId\":\"" + customer + "\""))
                            .ifPresent(r -> routineTally.wrongContent("routine of another customer for " + customer)));
        }));

        summary(runs, fixed, driven, rate, seconds, connections);
    }

    private static void summary(
            Map<String, List<WrkRun>> runs,
            Load.Tallies fixed,
            Map<String, Load.Driven> driven,
            int rate,
            int seconds,
            int connections) {
        System.out.println();
        System.out.printf(
                "== Maximum throughput: wrk -t2 -c%d -d%ds, closed loop, rounds interleaved ==%n",
                connections, seconds);
        System.out.printf(
                "%-28s %-28s %12s %9s %9s %9s %8s %11s %11s%n",
                "endpoint",
                "req/s per round",
                "median req/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "errors",
                "CPU ms/req",
                "engine ms");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (var entry : runs.entrySet()) {
            List<WrkRun> list = entry.getValue();
            List<WrkRun> byRate = list.stream()
                    .sorted(Comparator.comparingDouble(WrkRun::rate))
                    .toList();
            WrkRun median = byRate.get(byRate.size() / 2);
            medians.put(entry.getKey(), median.rate());
            System.out.printf(
                    "%-28s %-28s %12.0f %9.1f %9.1f %9.1f %8d %11.2f %11s%n",
                    entry.getKey(),
                    String.join(
                            " / ",
                            list.stream()
                                    .map(r -> String.format("%.0f", r.rate()))
                                    .toList()),
                    median.rate(),
                    median.p50(),
                    median.p90(),
                    median.p99(),
                    list.stream().mapToLong(WrkRun::errors).sum(),
                    median.cpuMillisPerRequest(),
                    Double.isNaN(median.engineMillis()) ? "-" : String.format("%.2f", median.engineMillis()));
        }
        double ratio = medians.get(ROUTINES) / medians.get(LIVENESS);
        System.out.printf(
                "ratio routines / liveness: %.3f  (target >= 0.5: %s)%n", ratio, ratio >= 0.5 ? "MET" : "MISSED");
        System.out.printf(
                "ratio no-profile 404 / liveness: %.3f  (the same request without the engine: token check, "
                        + "read-model look-up, problem+json)%n",
                medians.get(NO_PROFILE) / medians.get(LIVENESS));
        System.out.println(
                "(latencies of the median round; CPU = recommendation-service's user+system CPU over the round / requests;");
        System.out.println(
                " engine = the service's own timer of building one routine, recommendation_latency_seconds, mean over the");
        System.out.println(
                " round: wall time, so with more routines in flight than cores it includes waiting for a core)");

        System.out.println();
        System.out.printf(
                "== Latency at a fixed rate: %d req/s for %d s, open loop, from the time each request was due ==%n",
                rate, seconds);
        fixed.print(seconds);
        driven.forEach((endpoint, d) -> System.out.printf(
                "%-28s due %d, shed at 1,000 in flight %d, started >10 ms late %d%n",
                endpoint, d.due(), d.shed(), d.lateStarts()));
        Load.Tally routines = fixed.all().get(1);
        Load.Driven routineDrive = driven.get(ROUTINES);
        boolean met = routines.errors() == 0 && routineDrive.shed() == 0 && routines.quantileMillis(0.99) < 20;
        System.out.printf(
                "routines p99 %.1f ms at %d req/s (target < 20 ms with every request answered: %s)%n",
                routines.quantileMillis(0.99), rate, met ? "MET" : "MISSED");
    }

    /** One request for each customer, 16 at a time; every answer must have the status expected. */
    private static void askEachOnce(String url, Map<String, String> tokens, int expected) throws Exception {
        long started = System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>(tokens.size());
            for (var customer : tokens.entrySet()) {
                statuses.add(callers.submit(() -> Load.HTTP
                        .send(
                                Load.request(
                                        "GET",
                                        url + "/api/recommendations/" + customer.getKey(),
                                        customer.getValue(),
                                        null,
                                        null),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> status : statuses) {
                if (status.get() != expected) {
                    throw new IllegalStateException("a customer's first request answered " + status.get());
                }
            }
        } finally {
            callers.shutdownNow();
        }
        System.out.printf(
                "asked each of %,d customers once (every answer %d) in %.1f s%n",
                tokens.size(), expected, seconds(started));
    }

    /** The storefront's token for each of customers {@code prefix}0 .. {@code count - 1}, minted in parallel. */
    private static Map<String, String> storefrontTokens(TokenIssuer tokens, String prefix, int count) {
        long started = System.nanoTime();
        Map<String, String> minted = IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> prefix + i)
                .collect(Collectors.toConcurrentMap(
                        c -> c, c -> tokens.delegated(c, TokenIssuer.STOREFRONT, Duration.ofHours(6))));
        System.out.printf("minted %,d storefront tokens for %s* in %.1f s%n", count, prefix, seconds(started));
        return minted;
    }

    /** One line per customer, {@code <customer> <token>}, for the wrk script; returns the file's path. */
    private static String write(Path file, Map<String, String> tokens) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(
                file,
                tokens.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
        return file.toString();
    }

    /** One wrk run; the CPU that the service's process used during it is read from /proc. */
    private static WrkRun wrk(Path script, String url, Map<String, String> env, int seconds, int connections, long pid)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "10s",
                        "-s",
                        script.toString(),
                        url)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        long cpuBefore = Load.cpuTicks(pid);
        double[] engineBefore = engineTotals(url);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long cpuTicks = Load.cpuTicks(pid) - cpuBefore;
        double[] engineAfter = engineTotals(url);
        double routines = engineAfter[1] - engineBefore[1];
        Matcher m = WRK_RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("wrk failed (exit " + exit + "):\n" + output);
        }
        long requests = Long.parseLong(m.group(1));
        long statusErrors = Long.parseLong(m.group(3));
        boolean expecting404 = UNKNOWN_PREFIX.equals(env.get("LOAD_PREFIX"));
        // Asking for customers without a profile, every answer must be >= 400 (the 404 checked before): only a
        // shortfall, and connection errors, count as errors.
        long errors = expecting404 ? requests - statusErrors : statusErrors;
        for (int g = 4; g <= 7; g++) {
            errors += Long.parseLong(m.group(g));
        }
        return new WrkRun(
                requests,
                Long.parseLong(m.group(2)) / 1e6,
                errors,
                Long.parseLong(m.group(8)) / 1e3,
                Long.parseLong(m.group(9)) / 1e3,
                Long.parseLong(m.group(10)) / 1e3,
                Long.parseLong(m.group(11)) / 1e3,
                requests == 0 ? Double.NaN : cpuTicks * 10.0 / requests, // 100 clock ticks a second on Linux
                routines == 0 || env.isEmpty() ? Double.NaN : (engineAfter[0] - engineBefore[0]) * 1000 / routines);
    }

    /** recommendation-service's own timer of the engine (recommendation_latency_seconds): sum and count. */
    private static double[] engineTotals(String url) {
        String base = url.replaceAll("(https?://[^/]+).*", "$1");
        if (url.endsWith(LIVENESS)) {
            return new double[] {0, 0}; // the management port's liveness: no engine, and not a service URL
        }
        return new double[] {
            Load.metric(base, "recommendation_latency_seconds_sum").orElse(0.0),
            Load.metric(base, "recommendation_latency_seconds_count").orElse(0.0)
        };
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
