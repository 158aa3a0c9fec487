package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.benchmarks.reconciliation.Reconciliation;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import com.skincareshop.platform.testing.SyntheticAnswers;
import com.skincareshop.platform.testing.SyntheticCatalogue;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Steady load: storefront and merchandiser traffic mixed, at a fixed rate (open
 * loop), across the three packaged services on a throw-away broker and fresh {@code load_*} databases. It passes
 * with zero errors: no 5xx, no 4xx, no connection error, no wrong answer; and afterwards the read side has
 * converged: every written customer's routine shows the profile version profile-service holds, and every product in those
 * routines is at the catalogue's current version and on sale, as the producers' databases hold them (read through
 * the same {@link Reconciliation} the fault measurement checks with).
 *
 * <p>No 4xx is expected, so any is an error. The races that would legitimately give one are designed out: a
 * merchandiser's conditional write ({@code If-Match}) takes a product no other operation is writing (each kind
 * of write has its own products, and a product is held while a write to it is in flight); a customer's profile is
 * never written twice at once; routines are read only for customers whose profile existed before the run.
 *
 * <p>The measured run follows 20 s of the same mix at half the rate, so that the services' JIT has compiled
 * their hot paths (a steady load is a warm one); the warm-up's table is printed but does not decide.
 *
 * <p>Arguments: repository root, seconds (60), operations per second (200), synthetic products (1,000, on top of
 * the 50-product demo catalogue).
 */
public final class MixedLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXISTING_CUSTOMERS = 500;
    private static final String[] LOCALES = {"en", "tl", "lv"};

    /** An operation and its share of all operations, in thousandths. */
    private record Kind(String name, int weight, LongFunction<CompletableFuture<?>> operation) {}

    private Load.Tallies tallies = new Load.Tallies(); // the warm-up's, then the measured run's
    private final Random random = new Random(7); // the driver's thread alone draws from it
    private final SyntheticAnswers answers = new SyntheticAnswers(7);
    private final String catalog;
    private final String profiles;
    private final String recommendations;
    /** What the producers' databases hold: the truth the routines read back are judged by. */
    private final Reconciliation truth;

    private final TokenIssuer tokens;
    private final String merchandiser;
    /** The storefront's own token: the preview, which needs no customer. */
    private final String storefront;

    private final List<String> readableSkus = new ArrayList<>();
    private final List<String> priceSkus = new ArrayList<>();
    private final List<String> stockSkus = new ArrayList<>();
    private final List<String> discontinueSkus = new ArrayList<>();
    private final List<ObjectNode> newProducts = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final List<ObjectNode> importProducts = new ArrayList<>();
    private final AtomicInteger imported = new AtomicInteger();
    private final Set<String> busySkus = ConcurrentHashMap.newKeySet();

    private final List<String> existingCustomers = new ArrayList<>();
    private final Map<String, String> customerTokens = new ConcurrentHashMap<>();
    private final List<String> newCustomers = new ArrayList<>();
    private final AtomicInteger joined = new AtomicInteger();
    private final Set<String> busyCustomers = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastProfileVersion = new ConcurrentHashMap<>();

    private MixedLoad(
            String catalog, String profiles, String recommendations, TokenIssuer tokens, Reconciliation truth) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.recommendations = recommendations;
        this.tokens = tokens;
        this.merchandiser = tokens.merchandiser();
        this.storefront = tokens.storefront();
        this.truth = truth;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int products = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        boolean passed;
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            List<Stack.Service> services = Stack.onFreePorts("load_");
            try (Stack stack = new Stack(root, root.resolve("benchmarks/load/target/mixed-load-logs"), broker, services)
                    .provisionDatabases(true)
                    .start()
                    .awaitReady(Duration.ofSeconds(180))) {
                MixedLoad load = new MixedLoad(
                        services.get(0).url(),
                        services.get(1).url(),
                        services.get(2).url(),
                        stack.tokens(),
                        new Reconciliation(broker, LocalPostgres.fromEnvironment(), services));
                load.prepare(root, products, (int) Math.ceil(rate * seconds * 0.02 * 1.5) + 10);
                Map<String, Long> cpuBefore = new LinkedHashMap<>();
                stack.pids().forEach((name, pid) -> cpuBefore.put(name, Load.cpuTicks(pid)));
                passed = load.run(rate, seconds);
                System.out.print(
                        "CPU used by each service from the start of the load to the end of the convergence check:");
                stack.pids()
                        .forEach((name, pid) -> System.out.printf(
                                "  %s %.1f s", name, (Load.cpuTicks(pid) - cpuBefore.get(name)) / 100.0));
                System.out.println();
                if (stack.exitedService().isPresent()) {
                    System.out.println("FAILED: " + stack.exitedService().get() + " exited during the run");
                    passed = false;
                }
            }
        }
        System.exit(passed ? 0 : 1);
    }

    /** The catalogue and the customers that exist before the run, loaded through the services' APIs. */
    private void prepare(Path root, int products, int newCustomerTokens) throws Exception {
        long started = System.nanoTime();
        List<ObjectNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson"))) {
            if (!line.isBlank()) {
                lines.add((ObjectNode) JSON.readTree(line));
            }
        }
        List<ProductState> synthetic = SyntheticCatalogue.generate(products, 7);
        synthetic.forEach(p -> lines.add(CatalogueImport.line(p)));
        CatalogueImport.run(catalog, merchandiser, lines, 1_000);
        lines.forEach(l -> readableSkus.add(l.get("sku").asText()));
        // each kind of conditional write gets products of its own (an If-Match race between kinds is designed out)
        List<String> onSale = synthetic.stream()
                .filter(p -> p.status() == ProductStatus.ACTIVE)
                .map(ProductState::sku)
                .toList();
        for (int i = 0; i < onSale.size(); i++) {
            (i % 5 < 2 ? priceSkus : i % 5 < 4 ? stockSkus : discontinueSkus).add(onSale.get(i));
        }
        SyntheticCatalogue.generate(2_000, 1234).forEach(p -> newProducts.add(CatalogueImport.line(p)));
        SyntheticCatalogue.generate(2_000, 4321).forEach(p -> importProducts.add(CatalogueImport.line(p)));
        CatalogueImport.awaitCatalogueTable(recommendations, lines.size(), Duration.ofMinutes(5));

        for (int i = 0; i < EXISTING_CUSTOMERS; i++) {
            String customer = "c-mix-" + i;
            existingCustomers.add(customer);
            customerTokens.put(customer, tokens.customer(customer));
            JsonNode saved = JSON.readTree(Load.call(
                            "PUT",
                            profiles + "/api/profiles/" + customer,
                            customerTokens.get(customer),
                            "application/json",
                            profileBody(i % 3 == 0))
                    .body());
            lastProfileVersion.put(customer, saved.get("version").asLong());
        }
        for (int i = 0; i < newCustomerTokens; i++) {
            String customer = "c-mix-new-" + i;
            newCustomers.add(customer);
            customerTokens.put(customer, tokens.customer(customer));
        }
        try (Connection db = truth.database("recommendation-service")) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (DirectEvents.materializedProfiles(db) < EXISTING_CUSTOMERS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the existing customers' profiles did not reach recommendation-service");
                }
                Thread.sleep(100);
            }
        }
        System.out.printf(
                "prepared in %.1f s: %,d products (%d demo + %,d synthetic), %d customers with a profile%n",
                (System.nanoTime() - started) / 1e9,
                lines.size(),
                lines.size() - products,
                products,
                EXISTING_CUSTOMERS);
    }

    private boolean run(int rate, int seconds) throws Exception {
        List<Kind> kinds = List.of(
                // storefront: 90% of operations
                new Kind("GET /api/products (filters)", 300, this::listProducts),
                new Kind("GET /api/products/{sku}", 120, this::readProduct),
                new Kind("GET /api/questionnaire", 80, this::questionnaire),
                new Kind("GET /api/recommendations/{own}", 200, this::ownRoutine),
                new Kind("POST /api/recommendations/preview", 80, this::preview),
                new Kind("PUT /api/profiles/{own} (update)", 100, this::updateProfile),
                new Kind("PUT /api/profiles/{own} (first)", 20, this::firstProfile),
                // merchandiser: 10% of operations, each a GET for the ETag then the conditional write
                new Kind(
                        "merch: price change", 35, due -> conditionalWrite(due, priceSkus, "price", this::changePrice)),
                new Kind(
                        "merch: stock change", 40, due -> conditionalWrite(due, stockSkus, "stock", this::changeStock)),
                new Kind("merch: create", 10, this::createProduct),
                new Kind("merch: NDJSON import (20 lines)", 10, this::importBatch),
                new Kind("merch: discontinue", 5, this::discontinue));
        int total = kinds.stream().mapToInt(Kind::weight).sum();
        LongFunction<CompletableFuture<?>> mix = due -> {
            int roll = random.nextInt(total);
            for (Kind kind : kinds) {
                if ((roll -= kind.weight()) < 0) {
                    return kind.operation().apply(due);
                }
            }
            throw new IllegalStateException("weights");
        };
        System.out.printf(
                "mixed load: %d operations/s for %d s, open loop; shares in %%: %s%n",
                rate,
                seconds,
                kinds.stream()
                        .map(k -> k.name() + " " + (k.weight() * 100.0 / total))
                        .toList());

        // Freshly started JVMs compile their hot paths in the first seconds; a steady load is measured warm. The
        // warm-up is reported too, but only the measured run decides.
        int warmUp = 20;
        Load.Driven warm = Load.drive(rate / 2.0, Duration.ofSeconds(warmUp), 1_000, mix);
        System.out.printf(
                "%n== Warm-up (not counted): %.0f operations/s for %d s (%d shed) ==%n",
                rate / 2.0, warmUp, warm.shed());
        tallies.print(warm.seconds());
        tallies = new Load.Tallies();

        Load.Driven driven = Load.drive(rate, Duration.ofSeconds(seconds), 1_000, mix);
        System.out.println();
        System.out.printf(
                "== Mixed load: %d operations/s for %d s (%d due, %d shed at 1,000 in flight, %d started >10 ms late) ==%n",
                rate, seconds, driven.due(), driven.shed(), driven.lateStarts());
        tallies.print(driven.seconds());
        long converged = checkConvergence();
        boolean passed = tallies.errors() == 0 && driven.shed() == 0 && converged == 0;
        System.out.println(
                passed
                        ? "PASSED: zero errors, read side converged"
                        : "FAILED: " + tallies.errors() + " errors, " + driven.shed() + " operations shed, " + converged
                                + " convergence failures");
        return passed;
    }

    // ---- storefront ----

    private CompletableFuture<?> listProducts(long due) {
        String[] categories = {"CLEANSER", "EXFOLIANT", "SERUM", "MOISTURIZER", "SUNSCREEN"};
        String[] concerns = {
            "FIRMNESS",
            "FINE_LINES",
            "DULLNESS",
            "DARK_SPOTS",
            "ACNE_SCARS",
            "ENLARGED_PORES",
            "SAGGING_PORES",
            "CLOGGED_PORES",
            "DEHYDRATION",
            "UNEVEN_TEXTURE"
        };
        StringBuilder query =
                new StringBuilder("?locale=" + LOCALES[random.nextInt(3)] + "&page=" + random.nextInt(3) + "&size=20");
        switch (random.nextInt(6)) {
            case 0 -> query.append("&category=").append(categories[random.nextInt(5)]);
            case 1 -> query.append("&category=SERUM&concern=").append(concerns[random.nextInt(concerns.length)]);
            case 2 ->
                query.append("&category=")
                        .append(categories[random.nextInt(5)])
                        .append("&skinType=")
                        .append(new String[] {"DRY", "OILY", "COMBINATION", "NORMAL"}[random.nextInt(4)]);
            case 3 ->
                query.append("&q=")
                        .append(URLEncoder.encode(
                                new String[] {"serum", "Niacinamide", "SPF", "vitamin c", "Retinol"}[random.nextInt(5)],
                                StandardCharsets.UTF_8));
            case 4 -> query.append("&area=HANDS");
            default -> {} // the first pages of everything
        }
        return tallies.of("GET /api/products (filters)")
                .send(Load.request("GET", catalog + "/api/products" + query, null, null, null), due);
    }

    private CompletableFuture<?> readProduct(long due) {
        String sku = readableSkus.get(random.nextInt(readableSkus.size()));
        return tallies.of("GET /api/products/{sku}")
                .send(
                        Load.request(
                                "GET",
                                catalog + "/api/products/" + sku + "?locale=" + LOCALES[random.nextInt(3)],
                                null,
                                null,
                                null),
                        due);
    }

    private CompletableFuture<?> questionnaire(long due) {
        return tallies.of("GET /api/questionnaire")
                .send(
                        Load.request(
                                "GET",
                                profiles + "/api/questionnaire?locale=" + LOCALES[random.nextInt(3)],
                                null,
                                null,
                                null),
                        due);
    }

    private CompletableFuture<?> ownRoutine(long due) {
        String customer = existingCustomers.get(random.nextInt(existingCustomers.size()));
        Load.Tally tally = tallies.of("GET /api/recommendations/{own}");
        return tally.send(
                        Load.request(
                                "GET",
                                recommendations + "/api/recommendations/" + customer,
                                customerTokens.get(customer),
                                null,
                                null),
                        due)
                .thenAccept(response -> response.filter(
                                r -> r.statusCode() == 200 && !r.body().contains("\"customerId\":\"" + customer + "\""))
                        .ifPresent(r -> tally.wrongContent("the routine of " + customer + " names another customer")));
    }

    private CompletableFuture<?> preview(long due) {
        ObjectNode body = JSON.createObjectNode();
        body.set("answers", answers.next(false));
        return tallies.of("POST /api/recommendations/preview")
                .send(
                        Load.request(
                                "POST",
                                recommendations + "/api/recommendations/preview?locale=" + LOCALES[random.nextInt(3)],
                                storefront,
                                "application/json",
                                body.toString()),
                        due);
    }

    private CompletableFuture<?> updateProfile(long due) {
        Optional<String> customer = take(existingCustomers, busyCustomers);
        if (customer.isEmpty()) {
            return readProduct(due); // every customer is mid-write: the operation becomes a read rather than a race
        }
        return putProfile("PUT /api/profiles/{own} (update)", customer.get(), due);
    }

    private CompletableFuture<?> firstProfile(long due) {
        int next = joined.getAndIncrement();
        if (next >= newCustomers.size()) {
            return updateProfile(due);
        }
        return putProfile("PUT /api/profiles/{own} (first)", newCustomers.get(next), due);
    }

    private CompletableFuture<?> putProfile(String kind, String customer, long due) {
        busyCustomers.add(customer);
        String body = profileBody(random.nextInt(10) < 3);
        return tallies.of(kind)
                .send(
                        Load.request(
                                "PUT",
                                profiles + "/api/profiles/" + customer,
                                customerTokens.get(customer),
                                "application/json",
                                body),
                        due)
                .thenAccept(response -> response.filter(r -> r.statusCode() / 100 == 2)
                        .ifPresent(r -> lastProfileVersion.merge(customer, version(r), Math::max)))
                .whenComplete((x, e) -> busyCustomers.remove(customer));
    }

    private String profileBody(boolean marketingConsent) {
        ObjectNode body = JSON.createObjectNode();
        body.put("questionnaireVersion", 1);
        body.put("locale", LOCALES[random.nextInt(3)]);
        body.set("answers", answers.next(marketingConsent));
        return body.toString();
    }

    // ---- merchandiser ----

    /** GET the product for its ETag, change it, PUT it back with If-Match. */
    private CompletableFuture<?> conditionalWrite(
            long due, List<String> pool, String what, Consumer<ObjectNode> change) {
        Optional<String> sku = take(pool, busySkus);
        if (sku.isEmpty()) {
            return readProduct(due);
        }
        Load.Tally read = tallies.of("merch: GET product for ETag");
        Load.Tally write = tallies.of("merch: PUT If-Match (" + what + ")");
        return read.send(Load.request("GET", catalog + "/api/products/" + sku.get(), merchandiser, null, null), due)
                .thenCompose(response -> {
                    if (response.isEmpty() || response.get().statusCode() != 200) {
                        return CompletableFuture.completedFuture(null);
                    }
                    ObjectNode product = (ObjectNode) readTree(response.get().body());
                    change.accept(product);
                    return write.send(
                            Load.request(
                                    "PUT",
                                    catalog + "/api/products/" + sku.get(),
                                    merchandiser,
                                    "application/json",
                                    product.toString(),
                                    Map.of("If-Match", etag(response.get()))),
                            System.nanoTime());
                })
                .whenComplete((x, e) -> busySkus.remove(sku.get()));
    }

    private void changePrice(ObjectNode product) {
        ((ObjectNode) product.get("price")).put("amount", (8 + random.nextInt(60)) + "." + (10 + random.nextInt(90)));
    }

    private void changeStock(ObjectNode product) {
        product.put("stock", random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(300));
    }

    private CompletableFuture<?> createProduct(long due) {
        int n = created.getAndIncrement();
        ObjectNode product = newProducts.get(n % newProducts.size()).deepCopy();
        String sku = "MIX-NEW-" + n;
        product.put("sku", sku);
        Load.Tally tally = tallies.of("merch: PUT create");
        return tally.send(
                        Load.request(
                                "PUT",
                                catalog + "/api/products/" + sku,
                                merchandiser,
                                "application/json",
                                product.toString()),
                        due)
                .thenAccept(response -> response.filter(r -> r.statusCode() != 201 && r.statusCode() / 100 == 2)
                        .ifPresent(r ->
                                tally.wrongContent("creating " + sku + " answered " + r.statusCode() + ", not 201")));
    }

    /** 20 lines: new products, and earlier imported ones again with another stock (updates without If-Match). */
    private CompletableFuture<?> importBatch(long due) {
        StringBuilder body = new StringBuilder();
        List<String> held = new ArrayList<>();
        int first = imported.getAndAdd(10);
        for (int i = 0; i < 20; i++) {
            int n = i < 10 ? first + i : random.nextInt(Math.max(1, first));
            String sku = "MIX-IMP-" + n;
            if (held.contains(sku) || !busySkus.add(sku)) {
                continue; // an import of the same product is in flight: leave it to that one
            }
            held.add(sku);
            ObjectNode line = importProducts.get(n % importProducts.size()).deepCopy();
            line.put("sku", sku);
            line.put("stock", 1 + random.nextInt(300));
            body.append(line).append('\n');
        }
        Load.Tally tally = tallies.of("merch: NDJSON import (20 lines)");
        return tally.send(
                        Load.request(
                                "POST",
                                catalog + "/api/products/import",
                                merchandiser,
                                "application/x-ndjson",
                                body.toString()),
                        due)
                .thenAccept(response -> response.filter(r -> r.statusCode() == 200)
                        .ifPresent(r -> {
                            int rejected = readTree(r.body()).path("rejected").asInt(-1);
                            if (rejected != 0) {
                                tally.wrongContent("the import rejected " + rejected + " lines: " + r.body());
                            }
                        }))
                .whenComplete((x, e) -> held.forEach(busySkus::remove));
    }

    /** GET for the ETag, then DELETE with If-Match; each product is discontinued once. */
    private CompletableFuture<?> discontinue(long due) {
        if (discontinueSkus.isEmpty()) {
            return readProduct(due);
        }
        String sku =
                discontinueSkus.remove(random.nextInt(discontinueSkus.size())); // the driver's thread alone edits it
        Load.Tally read = tallies.of("merch: GET product for ETag");
        Load.Tally delete = tallies.of("merch: DELETE If-Match");
        return read.send(Load.request("GET", catalog + "/api/products/" + sku, merchandiser, null, null), due)
                .thenCompose(response -> response.isEmpty() || response.get().statusCode() != 200
                        ? CompletableFuture.completedFuture(null)
                        : delete.send(
                                Load.request(
                                        "DELETE",
                                        catalog + "/api/products/" + sku,
                                        merchandiser,
                                        null,
                                        null,
                                        Map.of("If-Match", etag(response.get()))),
                                System.nanoTime()));
    }

    // ---- afterwards ----

    /**
     * Every written customer's routine shows the profile version profile-service holds (at least the last one a PUT
     * answered), and each product in it is the catalogue's
     * current version and on sale. Waits up to 60 s for the read side to catch up; returns the failures left.
     */
    private long checkConvergence() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long started = System.nanoTime();
        Map<String, String> failures = new TreeMap<>();
        Set<String> pending = new HashSet<>(lastProfileVersion.keySet());
        while (true) {
            failures.clear();
            // what the producers hold now; nothing writes to them any more
            Map<String, Long> profileVersions = truth.profileVersions();
            Map<String, Long> onSale = truth.catalogVersionsOnSale();
            for (String customer : pending) {
                HttpResponse<String> response = Load.HTTP.send(
                        Load.request(
                                "GET",
                                recommendations + "/api/recommendations/" + customer,
                                tokens.storefrontFor(customer),
                                null,
                                null),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failures.put(customer, "routine answered " + response.statusCode());
                    continue;
                }
                JsonNode routine = JSON.readTree(response.body());
                // profile-service's version, not only the last one a PUT answered: a PUT that timed out on this side
                // may still have committed
                long expected = Math.max(lastProfileVersion.get(customer), profileVersions.getOrDefault(customer, 0L));
                if (routine.path("profileVersion").asLong() != expected) {
                    failures.put(
                            customer,
                            "profileVersion " + routine.path("profileVersion").asLong() + " in the routine, " + expected
                                    + " in profile-service");
                    continue;
                }
                for (JsonNode step : iterable(routine.path("am"), routine.path("pm"))) {
                    String sku = step.path("product").path("sku").asText();
                    long version = step.path("product").path("version").asLong();
                    long current = onSale.getOrDefault(sku, -1L);
                    if (current != version) {
                        failures.put(
                                customer,
                                sku + " at version " + version + " in the routine, "
                                        + (current < 0 ? "not on sale" : "version " + current) + " in the catalogue");
                    }
                }
            }
            pending.retainAll(failures.keySet());
            if (failures.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf(
                "convergence: %d customers written, their routines checked against their last profile version "
                        + "and the catalogue's current products: %d not converged after %.1f s%n",
                lastProfileVersion.size(), failures.size(), (System.nanoTime() - started) / 1e9);
        failures.entrySet().stream()
                .limit(10)
                .forEach(f -> System.out.println("  " + f.getKey() + ": " + f.getValue()));
        return failures.size();
    }

    // ---- helpers ----

    /** A random entry of the pool that no other operation holds, now held; empty if ten tries find none free. */
    private Optional<String> take(List<String> pool, Set<String> busy) {
        for (int i = 0; i < 10 && !pool.isEmpty(); i++) {
            String candidate = pool.get(random.nextInt(pool.size()));
            if (busy.add(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> iterable(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            array.forEach(all::add);
        }
        return all;
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("no ETag"));
    }

    private static long version(HttpResponse<String> response) {
        return readTree(response.body()).path("version").asLong();
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
