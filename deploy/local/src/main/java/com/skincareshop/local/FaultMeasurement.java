package com.skincareshop.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.catalog.CatalogDigest;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Faults: {@code kill -9} of each service in the middle of a stream of writes, then
 * the broker stopped for 30 s and started again; afterwards the recommendation read models, the topics and the
 * issued routines are reconciled with the producers' databases. The packaged services run on a throw-away broker
 * and fresh fault_* databases.
 *
 * <p>A write is <em>acknowledged</em> (2xx), <em>refused</em> (no connection: it never reached the service),
 * <em>unknown</em> (the connection broke or timed out: it may or may not have committed) or <em>failed</em> (a
 * non-2xx answer). The producers' databases are the truth; every acknowledged write must be in them.
 *
 * <p>Arguments: the repository root, the seconds of steady writing around each fault (default 15). Exit code 1
 * when a check fails.
 */
public final class FaultMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATALOG = "catalog-service";
    private static final String PROFILE = "profile-service";
    private static final String RECOMMENDATION = "recommendation-service";
    private static final Duration BROKER_DOWN = Duration.ofSeconds(30);
    private static final Duration SERVICE_DOWN = Duration.ofSeconds(5);

    enum Outcome { ACKNOWLEDGED, UNKNOWN, REFUSED, FAILED }

    /**
     * One write as the client saw it. {@code version} is the ETag of an acknowledged write; {@code expected} what
     * the write set (catalogue: price, stock, status; profile: sun hours and consent; erasure: "ERASED").
     */
    record Write(String phase, String service, String key, String op, String expected, Outcome outcome, long version,
                 long startedNanos, long endedNanos, String detail) {
        boolean mayHaveCommitted() {
            return outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.UNKNOWN || outcome == Outcome.FAILED;
        }
    }

    private final Path root;
    private final KafkaBroker broker;
    private final Stack stack;
    private final Map<String, Stack.Service> services;
    private final LocalPostgres postgres = LocalPostgres.fromEnvironment();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> customerTokens = new ConcurrentHashMap<>();
    private final String merchandiser = DevTokens.issue("merch-1", Set.of("merchandiser"), Duration.ofHours(3));
    private final Map<String, String> recoveries = new LinkedHashMap<>();
    /** Per service killed: from the kill to ready again, when its writes may be refused or broken off. */
    private final Map<String, long[]> downWindows = new ConcurrentHashMap<>();
    /** Per producer killed: when it was killed and when it was started again. */
    private final Map<String, long[]> restarts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile String phase = "steady";
    private volatile boolean writing = true;

    private FaultMeasurement(Path root, KafkaBroker broker, Stack stack) {
        this.root = root;
        this.broker = broker;
        this.stack = stack;
        this.services = stack.services().stream().collect(Collectors.toMap(Stack.Service::name, s -> s));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        boolean passed;
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            List<Stack.Service> services = Stack.onFreePorts("fault_");
            try (Stack stack = new Stack(root, root.resolve("deploy/local/target/fault-logs"), broker, services)
                    .provisionDatabases(true).start().awaitReady(Duration.ofSeconds(180))) {
                passed = new FaultMeasurement(root, broker, stack).run(Duration.ofSeconds(steadySeconds));
            }
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run(Duration steady) throws Exception {
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(url(CATALOG, "/api/products/import")))
                .timeout(Duration.ofMinutes(2)) // a cold service on a busy machine takes its time
                .header("Authorization", "Bearer " + merchandiser).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("demo catalogue import failed: " + imported.body());
        }
        // the import is each demo product's first acknowledged write (version 1)
        try (Connection db = database(CATALOG); ResultSet rows = db.createStatement().executeQuery(
                "select sku, version, price_amount, stock, status from product")) {
            long now = System.nanoTime();
            while (rows.next()) {
                record(new Write(phase, CATALOG, rows.getString(1), "IMPORT", rows.getBigDecimal(3).toPlainString() + "|"
                        + rows.getInt(4) + "|" + rows.getString(5), Outcome.ACKNOWLEDGED, rows.getLong(2), now, now, ""));
            }
        }
        List<ObjectNode> demo = Files.readAllLines(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson"))
                .stream().filter(line -> !line.isBlank()).map(FaultMeasurement::object).toList();

        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            writers.add(new Thread(() -> catalogWriter(thread, demo), "catalog-writer-" + t));
        }
        for (int t = 0; t < 3; t++) {
            int thread = t;
            writers.add(new Thread(() -> profileWriter(thread), "profile-writer-" + t));
        }
        writers.forEach(Thread::start);
        log("writing: 2 catalogue writers, 3 profile writers (120 customers)");
        Thread.sleep(steady.toMillis());

        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            killAndRestart(name);
            Thread.sleep(steady.toMillis());
        }
        stopAndStartBroker();
        Thread.sleep(steady.toMillis());

        writing = false;
        for (Thread writer : writers) {
            writer.join();
        }
        phase = "drain";
        log("writers stopped; waiting until the outboxes are empty and the consumers caught up");
        long drainStart = System.nanoTime();
        boolean drained = awaitDrained(Duration.ofMinutes(3));
        recoveries.put("drained after the writers stopped", drained ? seconds(System.nanoTime() - drainStart)
                : "NOT within 3 min");
        if (!drained) {
            failures.add("not drained within 3 minutes");
        }
        restarts.forEach((name, times) -> recoveries.put(name + ": kill -> first acknowledged write after the restart",
                firstAcknowledged(name, times[1]).map(t -> seconds(t - times[0])).orElse("none")));
        reportWrites();
        reconcile();
        System.out.println();
        System.out.println("Recovery:");
        recoveries.forEach((what, time) -> System.out.printf("  %-62s %s%n", what, time));
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("RESULT: PASS");
        } else {
            System.out.println("RESULT: FAIL");
            failures.forEach(f -> System.out.println("  - " + f));
        }
        return failures.isEmpty();
    }

    // ---------------------------------------------------------------- faults

    private void killAndRestart(String name) throws Exception {
        String shortName = name.replace("-service", "");
        phase = shortName + " killed";
        log("kill -9 " + name);
        long killed = System.nanoTime();
        stack.kill(name);
        Thread.sleep(SERVICE_DOWN.toMillis());
        long restarted = System.nanoTime();
        stack.restart(name);
        while (!Stack.ready(http, services.get(name))) {
            if (System.nanoTime() - restarted > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException(name + " not ready 2 minutes after its restart");
            }
            Thread.sleep(50);
        }
        long ready = System.nanoTime();
        downWindows.put(name, new long[] {killed, ready});
        recoveries.put(name + ": restart -> ready", seconds(ready - restarted));
        log(name + " ready again, " + seconds(ready - restarted) + " after its restart");
        if (name.equals(RECOMMENDATION)) {
            // ready means the catalogue table caught up; the profile consumer must also have its partitions back
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                while (!groupHasMembers(admin) && System.nanoTime() - ready < Duration.ofMinutes(3).toNanos()) {
                    Thread.sleep(100);
                }
            }
            recoveries.put(name + ": restart -> profile consumer group has its member again",
                    seconds(System.nanoTime() - restarted));
            String probe = "c-fault-probe-1";
            HttpResponse<String> put = send("PUT", url(PROFILE, "/api/profiles/" + probe), token(probe), "application/json",
                    profileBody(0, 0, 7).toString());
            long version = etag(put);
            record(new Write(phase, PROFILE, probe, "PUT", "7|false", Outcome.ACKNOWLEDGED, version, ready, System.nanoTime(), ""));
            while (!routineShows(probe, version)) {
                if (System.nanoTime() - ready > Duration.ofMinutes(3).toNanos()) {
                    failures.add("recommendation-service did not consume a new profile within 3 minutes of its restart");
                    break;
                }
                Thread.sleep(50);
            }
            recoveries.put(name + ": restart -> new profile visible in a routine",
                    seconds(System.nanoTime() - restarted));
        } else {
            restarts.put(name, new long[] {killed, restarted});
        }
    }

    private void stopAndStartBroker() throws Exception {
        phase = "broker down";
        log("stopping the broker for " + BROKER_DOWN.toSeconds() + " s");
        long stopping = System.nanoTime();
        broker.stop();
        Thread.sleep(BROKER_DOWN.toMillis());
        broker.start();
        long back = System.nanoTime();
        phase = "broker back";
        log("broker back after " + seconds(back - stopping) + "; waiting for the outboxes to drain");
        java.sql.Timestamp backAt = new java.sql.Timestamp(System.currentTimeMillis());
        Map<String, Long> drained = new LinkedHashMap<>();
        while (drained.size() < 3 && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                if (!drained.containsKey(name) && unsentBefore(name, backAt) == 0) {
                    drained.put(name, System.nanoTime() - back);
                }
            }
            Thread.sleep(100);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            recoveries.put(name + ": broker back -> outbox rows from the outage sent",
                    drained.containsKey(name) ? seconds(drained.get(name)) : "NOT within 3 min");
            if (!drained.containsKey(name)) {
                failures.add(name + ": outbox not drained within 3 minutes of the broker's restart");
            }
        }
    }

    private long unsentBefore(String service, java.sql.Timestamp before) throws SQLException {
        try (Connection db = database(service);
             var query = db.prepareStatement("select count(*) from outbox_event where sent_at is null and created_at < ?")) {
            query.setTimestamp(1, before);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private java.util.Optional<Long> firstAcknowledged(String service, long after) {
        synchronized (writes) {
            return writes.stream().filter(w -> w.service().equals(service) && w.outcome() == Outcome.ACKNOWLEDGED
                    && w.startedNanos() >= after).map(Write::endedNanos).min(Long::compare);
        }
    }

    // ---------------------------------------------------------------- writers

    /**
     * Price and stock changes, new products and discontinued ones. Each thread owns its products (half of the
     * demo catalogue and those it creates), so the writes to one sku are in order and each changes something.
     */
    private void catalogWriter(int thread, List<ObjectNode> demo) {
        Random random = new Random(100 + thread);
        Map<String, ObjectNode> active = new LinkedHashMap<>();
        for (int i = thread; i < demo.size(); i += 2) {
            active.put(demo.get(i).get("sku").asText(), demo.get(i).deepCopy());
        }
        List<String> created = new ArrayList<>();
        Set<String> confirmed = new HashSet<>(); // created products known to exist: a DELETE of another would be a 404
        int counter = 0;
        while (writing) {
            counter++;
            double choice = random.nextDouble();
            String sku;
            ObjectNode product;
            String op = "PUT";
            if (choice < 0.15 && created.size() < 400) {
                ObjectNode template = demo.get(random.nextInt(demo.size()));
                sku = "FLT-" + thread + "-" + counter;
                product = template.deepCopy();
                product.put("sku", sku);
                product.put("status", "ACTIVE"); // one demo product is discontinued
                created.add(sku);
            } else {
                List<String> candidates = new ArrayList<>(active.keySet());
                sku = candidates.get(random.nextInt(candidates.size()));
                product = active.get(sku);
                if (choice < 0.22 && confirmed.contains(sku)) {
                    op = "DELETE";
                } else if (random.nextBoolean()) {
                    // always another price, as for the stock below (a run once drew the price the product had)
                    String price = String.format("%d.%02d", 5 + counter / 100 % 90, counter % 100);
                    if (price.equals(product.get("price").get("amount").asText())) {
                        price = String.format("%d.%02d", 95 + counter % 5, counter % 100);
                    }
                    ((ObjectNode) product.get("price")).put("amount", price);
                } else {
                    // always another value (an identical PUT keeps the version); 0 now and then: out of stock
                    product.put("stock", (product.get("stock").asInt() + 1 + counter % 5) % 40);
                }
            }
            String expected = op.equals("DELETE") ? "DISCONTINUED"
                    : product.get("price").get("amount").asText() + "|" + product.get("stock").asInt() + "|"
                    + product.path("status").asText("ACTIVE");
            Write write = op.equals("DELETE")
                    ? write(CATALOG, sku, "DELETE", expected, "DELETE", url(CATALOG, "/api/products/" + sku), merchandiser, null)
                    : write(CATALOG, sku, "PUT", expected, "PUT", url(CATALOG, "/api/products/" + sku), merchandiser,
                    product.toString());
            if (op.equals("DELETE")) {
                active.remove(sku); // discontinued (or possibly so): never written again
            } else {
                active.put(sku, product);
                if (sku.startsWith("FLT-") && write.outcome() == Outcome.ACKNOWLEDGED) {
                    confirmed.add(sku);
                }
            }
            pace(write);
        }
    }

    /**
     * Questionnaire answers and erasures for 40 customers per thread. A third always consent to marketing (so
     * routines are issued), a third never do, and a third change their mind, which withdraws what was issued.
     */
    private void profileWriter(int thread) {
        Random random = new Random(200 + thread);
        Map<String, Integer> counters = new HashMap<>();
        Set<String> existing = new HashSet<>();
        while (writing) {
            int index = random.nextInt(40);
            String customer = "c-fault-" + thread + "-" + index;
            int counter = counters.merge(customer, 1, Integer::sum);
            Write write;
            if (existing.contains(customer) && random.nextDouble() < 0.12) {
                write = write(PROFILE, customer, "DELETE", "ERASED", "DELETE", url(PROFILE, "/api/profiles/" + customer),
                        token(customer), null);
                existing.remove(customer);
            } else {
                int sunHours = counter % 25; // differs from the customer's previous answers: every PUT is a change
                boolean consent = switch (index % 3) {
                    case 0 -> true;
                    case 1 -> counter % 2 == 0;
                    default -> false;
                };
                write = write(PROFILE, customer, "PUT", sunHours + "|" + consent, "PUT",
                        url(PROFILE, "/api/profiles/" + customer), token(customer),
                        profileBody(index, consent ? 1 : 0, sunHours).toString());
                existing.add(customer);
            }
            pace(write);
        }
    }

    private static ObjectNode profileBody(int index, int consent, int sunHours) {
        String[] skinTypes = {"DRY", "OILY", "COMBINATION", "NORMAL"};
        String[] concerns = {"FIRMNESS", "FINE_LINES", "DULLNESS", "DARK_SPOTS", "ACNE_SCARS", "ENLARGED_PORES",
                "SAGGING_PORES", "CLOGGED_PORES", "DEHYDRATION", "UNEVEN_TEXTURE"};
        ObjectNode body = object("""
                {"questionnaireVersion":1,"locale":"en","answers":{"sensitive":false,"ageBand":"35_44",
                 "pregnantOrBreastfeeding":false,"areas":["FACE"],"budget":{"amount":"150.00","currency":"EUR"}}}""");
        ObjectNode answers = (ObjectNode) body.get("answers");
        answers.put("skinType", skinTypes[index % 4]);
        answers.putArray("concerns").add(concerns[index % 10]).add(concerns[(index + 3) % 10]);
        answers.put("sunExposureHours", sunHours);
        answers.put("marketingConsent", consent == 1);
        return body;
    }

    /** About 20 writes a second per thread; a refused connection (service down) waits a little longer. */
    private static void pace(Write write) {
        try {
            Thread.sleep(write.outcome() == Outcome.REFUSED ? 200 : 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Write write(String service, String key, String op, String expected, String method, String url, String token,
                        String body) {
        String during = phase;
        long started = System.nanoTime();
        Outcome outcome;
        long version = -1;
        String detail = "";
        try {
            HttpResponse<String> response = send(method, url, token, body == null ? null : "application/json", body);
            if (response.statusCode() / 100 == 2) {
                outcome = Outcome.ACKNOWLEDGED;
                version = etag(response);
            } else {
                outcome = Outcome.FAILED;
                detail = response.statusCode() + " " + response.body();
            }
        } catch (ConnectException e) {
            outcome = Outcome.REFUSED;
        } catch (IOException e) {
            outcome = Outcome.UNKNOWN;
            detail = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.UNKNOWN;
        }
        Write write = new Write(during, service, key, op, expected, outcome, version, started, System.nanoTime(), detail);
        record(write);
        return write;
    }

    private void record(Write write) {
        writes.add(write);
    }

    // ---------------------------------------------------------------- drain

    /** Outboxes empty, the profile consumer group at the end of the topic, the catalogue table equal to the DB. */
    private boolean awaitDrained(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                boolean outboxes = unsentBefore(CATALOG, farFuture()) == 0 && unsentBefore(PROFILE, farFuture()) == 0
                        && unsentBefore(RECOMMENDATION, farFuture()) == 0;
                boolean noLag = profileConsumerLag(admin) == 0;
                boolean table = catalogTableMatches();
                if (outboxes && noLag && table) {
                    // the consumer may have written issued routines to the outbox while we looked: look once more
                    if (unsentBefore(RECOMMENDATION, farFuture()) == 0) {
                        return true;
                    }
                }
                Thread.sleep(250);
            }
        }
        return false;
    }

    private static java.sql.Timestamp farFuture() {
        return new java.sql.Timestamp(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
    }

    private static boolean groupHasMembers(Admin admin) throws Exception {
        var group = admin.describeConsumerGroups(List.of("recommendation-service")).all().get().get("recommendation-service");
        return group.groupState() == org.apache.kafka.common.GroupState.STABLE && !group.members().isEmpty()
                && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
    }

    private long profileConsumerLag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("recommendation-service")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.PROFILES_SKIN)).allTopicNames().get().get(Topics.PROFILES_SKIN).partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.PROFILES_SKIN, p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    private boolean catalogTableMatches() throws Exception {
        Map<String, Long> source = catalogVersions();
        Map<String, Double> metrics = recommendationMetrics();
        return metrics.getOrDefault("catalog_table_products", -1.0) == source.size()
                && metrics.getOrDefault("catalog_table_digest", -1.0) == CatalogDigest.of(source);
    }

    private Map<String, Double> recommendationMetrics() throws Exception {
        HttpResponse<String> response = send("GET", url(RECOMMENDATION, "/q/metrics"), null, null, null);
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().split("\n")) {
            String[] parts = line.split(" ");
            if (!line.startsWith("#") && parts.length == 2) {
                values.put(parts[0].replaceAll("\\{.*}", ""), Double.parseDouble(parts[1]));
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- report and reconciliation

    private void reportWrites() {
        List<Write> all = List.copyOf(writes);
        System.out.println();
        System.out.printf("Writes (%d in all), by phase: acknowledged / unknown / refused / failed%n", all.size());
        System.out.printf("  %-22s %-28s %-28s%n", "phase", "catalog-service", "profile-service");
        Map<String, List<Write>> byPhase = all.stream().collect(Collectors.groupingBy(Write::phase, LinkedHashMap::new,
                Collectors.toList()));
        for (var entry : byPhase.entrySet()) {
            System.out.printf("  %-22s %-28s %-28s%n", entry.getKey(), counts(entry.getValue(), CATALOG),
                    counts(entry.getValue(), PROFILE));
        }
        System.out.printf("  %-22s %-28s %-28s%n", "total", counts(all, CATALOG), counts(all, PROFILE));
        for (Write write : all) {
            // a refused or broken connection is expected only from a service while it is down
            long[] down = downWindows.get(write.service());
            boolean whileDown = down != null && write.endedNanos() >= down[0] && write.startedNanos() <= down[1];
            if (write.outcome() == Outcome.FAILED || (write.outcome() != Outcome.ACKNOWLEDGED && !whileDown)) {
                failures.add(String.format("%s %s %s during \"%s\": %s %s", write.service(), write.op(), write.key(),
                        write.phase(), write.outcome(), write.detail()));
            }
        }
    }

    private static String counts(List<Write> writes, String service) {
        Map<Outcome, Long> counts = writes.stream().filter(w -> w.service().equals(service))
                .collect(Collectors.groupingBy(Write::outcome, Collectors.counting()));
        return Arrays.stream(Outcome.values()).map(o -> String.valueOf(counts.getOrDefault(o, 0L)))
                .collect(Collectors.joining(" / "));
    }

    private void reconcile() throws Exception {
        System.out.println();
        System.out.println("Reconciliation (the producers' databases are the truth):");
        Map<String, Long> catalog = catalogVersions();
        Map<String, Long> profiles = versions(PROFILE, "select customer_id, version from profile");
        Map<String, Long> readModel = versions(RECOMMENDATION, "select customer_id, version from customer_profile");

        check("profile read model (customer, version) = profile-service's profiles", profiles.size() + " customers",
                differences(profiles, readModel));

        Set<String> erased = new HashSet<>();
        synchronized (writes) {
            writes.stream().filter(w -> w.op().equals("DELETE") && w.service().equals(PROFILE)).map(Write::key)
                    .filter(k -> !profiles.containsKey(k)).forEach(erased::add);
        }
        List<String> erasedLeft = new ArrayList<>();
        Map<String, List<Long>> snapshots = snapshots();
        for (String customer : erased) {
            if (readModel.containsKey(customer) || snapshots.containsKey(customer)) {
                erasedLeft.add(customer + ": still in the read model or its snapshots");
            }
        }
        check("erased customers absent from recommendation-service (profile and snapshots)", erased.size() + " erased",
                erasedLeft);

        Map<String, Double> metrics = recommendationMetrics();
        long tableProducts = metrics.getOrDefault("catalog_table_products", -1.0).longValue();
        long tableDigest = metrics.getOrDefault("catalog_table_digest", -1.0).longValue();
        List<String> table = new ArrayList<>();
        if (tableProducts != catalog.size()) {
            table.add("catalog_table_products " + tableProducts + " != " + catalog.size() + " products");
        }
        if (tableDigest != CatalogDigest.of(catalog)) {
            table.add("catalog_table_digest " + tableDigest + " != " + CatalogDigest.of(catalog) + " of (sku, version)");
        }
        check("catalogue table (count, digest of (sku, version)) = catalog-service's products", catalog.size() + " products",
                table);

        Map<String, Long> catalogTopic = newestPerKey(Topics.CATALOG_PRODUCTS, "version");
        check("catalog.products.v1, newest value per key = catalog-service's products", catalogTopic.size() + " keys",
                differences(catalog, catalogTopic));
        Map<String, Long> profileTopic = newestPerKey(Topics.PROFILES_SKIN, "version");
        check("profiles.skin.v1, newest value per key = profile-service's profiles (erased: tombstone)",
                profileTopic.size() + " keys", differences(profiles, withoutTombstones(profileTopic)));

        List<String> parked = new ArrayList<>();
        for (String dlq : List.of(Topics.CATALOG_PRODUCTS + ".dlq", Topics.PROFILES_SKIN + ".dlq")) {
            long records = records(dlq);
            if (records > 0) {
                parked.add(dlq + ": " + records + " records");
            }
        }
        check("dead-letter topics empty: no valid event was parked", "2 topics", parked);

        checkSnapshots(readModel, snapshots);
        checkAcknowledged(catalog, profiles);
    }

    /**
     * Issued routines. RecommendationIssuer stores one snapshot (and publishes it) each time a consenting
     * customer's profile version is applied as newer; a replayed or duplicated event is not newer, so it issues
     * nothing. Withdrawn consent and erasure delete the customer's snapshots. Versions of one poll are merged, so
     * not every version has a snapshot. Hence: no (customer, profile version) twice; snapshots only for
     * customers whose current profile consents, the newest at the current version; every snapshot's version
     * is one the customer gave with consent (profile-service's history); the issued topic's newest value per
     * customer is the newest snapshot, or a tombstone.
     */
    private void checkSnapshots(Map<String, Long> readModel, Map<String, List<Long>> snapshots) throws Exception {
        Map<String, Boolean> consentNow = new HashMap<>();
        Map<String, Boolean> consentGiven = new HashMap<>(); // "customer:version" -> consent, from the history
        try (Connection db = database(PROFILE); ResultSet rows = db.createStatement().executeQuery(
                "select customer_id, version, (answers->>'marketingConsent')::boolean from profile_version")) {
            while (rows.next()) {
                consentGiven.put(rows.getString(1) + ":" + rows.getLong(2), rows.getBoolean(3));
            }
        }
        try (Connection db = database(RECOMMENDATION); ResultSet rows = db.createStatement().executeQuery(
                "select customer_id, (answers->>'marketingConsent')::boolean from customer_profile")) {
            while (rows.next()) {
                consentNow.put(rows.getString(1), rows.getBoolean(2));
            }
        }
        List<String> problems = new ArrayList<>();
        int total = 0;
        for (var entry : snapshots.entrySet()) {
            String customer = entry.getKey();
            List<Long> versions = entry.getValue();
            total += versions.size();
            if (new HashSet<>(versions).size() != versions.size()) {
                problems.add(customer + ": a profile version issued twice " + versions);
            }
            if (!Boolean.TRUE.equals(consentNow.get(customer))) {
                problems.add(customer + ": snapshots " + versions + " but no consent now");
            } else if (!Objects.equals(Collections.max(versions), readModel.get(customer))) {
                problems.add(customer + ": newest snapshot " + Collections.max(versions) + " != version " + readModel.get(customer));
            }
            for (long version : versions) {
                if (!Boolean.TRUE.equals(consentGiven.get(customer + ":" + version))) {
                    problems.add(customer + ": snapshot of version " + version + ", which was not given with consent");
                }
            }
        }
        consentNow.forEach((customer, consent) -> {
            if (consent && !snapshots.containsKey(customer)) {
                problems.add(customer + ": consents, no routine issued");
            }
        });
        check("issued routines (snapshots): none twice, newest = current consenting version", total + " snapshots, "
                + snapshots.size() + " customers", problems);

        Map<String, Long> issuedTopic = withoutTombstones(newestPerKey(Topics.RECOMMENDATIONS_ISSUED, "version"));
        Map<String, Long> newestSnapshot = snapshots.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Collections.max(e.getValue())));
        check("recommendations.issued.v1, newest value per key = newest snapshot (else tombstone)",
                issuedTopic.size() + " customers", differences(newestSnapshot, issuedTopic));
    }

    /**
     * Every acknowledged write is in the producer's database, and versions count changes exactly: between two
     * acknowledged writes of a key the version grows by one, plus at most one per unknown write in between
     * (a write that may or may not have committed); the database holds the last acknowledged state unless an
     * unknown write came after it.
     */
    private void checkAcknowledged(Map<String, Long> catalog, Map<String, Long> profiles) throws Exception {
        Map<String, String> catalogState = new HashMap<>();
        try (Connection db = database(CATALOG); ResultSet rows = db.createStatement().executeQuery(
                "select sku, price_amount, stock, status from product")) {
            while (rows.next()) {
                catalogState.put(rows.getString(1),
                        rows.getBigDecimal(2).stripTrailingZeros().toPlainString() + "|" + rows.getInt(3) + "|" + rows.getString(4));
            }
        }
        Map<String, String> history = new HashMap<>(); // "customer:version" -> "sun|consent"
        try (Connection db = database(PROFILE); ResultSet rows = db.createStatement().executeQuery("""
                select customer_id, version, answers->>'sunExposureHours', (answers->>'marketingConsent')::boolean
                from profile_version""")) {
            while (rows.next()) {
                history.put(rows.getString(1) + ":" + rows.getLong(2),
                        new BigDecimal(rows.getString(3)).stripTrailingZeros().toPlainString() + "|" + rows.getBoolean(4));
            }
        }
        List<String> problems = new ArrayList<>();
        int acknowledged = 0;
        int unknownCommitted = 0;
        int unknown = 0;
        Map<String, List<Write>> byKey;
        synchronized (writes) {
            byKey = writes.stream().filter(w -> w.outcome() != Outcome.REFUSED)
                    .collect(Collectors.groupingBy(w -> w.service() + " " + w.key(), TreeMap::new, Collectors.toList()));
        }
        for (var entry : byKey.entrySet()) {
            List<Write> sequence = entry.getValue();
            boolean isCatalog = sequence.get(0).service().equals(CATALOG);
            String key = sequence.get(0).key();
            Write lastAcknowledged = null;
            int uncertainSince = 0;
            boolean erasureUncertain = false;
            for (Write write : sequence) {
                if (write.outcome() != Outcome.ACKNOWLEDGED) {
                    uncertainSince++;
                    unknown++;
                    erasureUncertain |= write.op().equals("DELETE");
                    continue;
                }
                acknowledged++;
                if (!isCatalog && write.op().equals("DELETE")) {
                    lastAcknowledged = write;
                    uncertainSince = 0;
                    erasureUncertain = false;
                    continue;
                }
                long previous = lastAcknowledged == null || lastAcknowledged.op().equals("DELETE") && !isCatalog ? 0
                        : lastAcknowledged.version();
                if (!erasureUncertain) {
                    long grew = write.version() - previous;
                    if (grew < 1 || grew > 1 + uncertainSince) {
                        problems.add(entry.getKey() + ": version " + previous + " -> " + write.version() + " with "
                                + uncertainSince + " unknown writes between");
                    } else {
                        unknownCommitted += (int) (grew - 1);
                    }
                }
                // an erasure after it deletes the history (and a new profile may reuse the version numbers)
                if (!isCatalog && !erasedLater(sequence, write)) {
                    String stored = history.get(key + ":" + write.version());
                    if (stored == null) {
                        problems.add(entry.getKey() + ": acknowledged version " + write.version() + " not in the history");
                    } else if (!stored.equals(write.expected())) {
                        problems.add(entry.getKey() + ": version " + write.version() + " holds other answers");
                    }
                }
                lastAcknowledged = write;
                uncertainSince = 0;
                erasureUncertain = false;
            }
            // the database holds the last acknowledged write, unless an unknown one may have come after it
            if (lastAcknowledged != null && uncertainSince == 0) {
                String expected = lastAcknowledged.expected();
                if (isCatalog) {
                    String actual = catalogState.get(key);
                    // a discontinuation sets the status only; a PUT sets price, stock and status
                    String normalized = expected.equals("DISCONTINUED") ? expected
                            : new BigDecimal(expected.split("\\|")[0]).stripTrailingZeros().toPlainString()
                            + expected.substring(expected.indexOf('|'));
                    boolean same = actual != null && (expected.equals("DISCONTINUED")
                            ? actual.endsWith("|DISCONTINUED") : normalized.equals(actual));
                    if (!same || !Objects.equals(catalog.get(key), lastAcknowledged.version())) {
                        problems.add(entry.getKey() + ": last acknowledged " + normalized + " v" + lastAcknowledged.version()
                                + ", database " + actual + " v" + catalog.get(key));
                    }
                } else if (lastAcknowledged.op().equals("DELETE") ? profiles.containsKey(key)
                        : !Objects.equals(profiles.get(key), lastAcknowledged.version())) {
                    problems.add(entry.getKey() + ": last acknowledged " + lastAcknowledged.op() + " v"
                            + lastAcknowledged.version() + ", database v" + profiles.get(key));
                }
            }
        }
        check("acknowledged writes in the producers' databases; versions count each change once",
                acknowledged + " acknowledged; of " + unknown + " unknown/failed, " + unknownCommitted
                        + " committed (seen in versions)", problems);
    }

    private static boolean erasedLater(List<Write> sequence, Write write) {
        return sequence.subList(sequence.indexOf(write) + 1, sequence.size()).stream()
                .anyMatch(w -> w.op().equals("DELETE") && w.mayHaveCommitted());
    }

    private void check(String what, String size, List<String> problems) {
        System.out.printf("  %-4s %-88s %s; %d mismatches%n", problems.isEmpty() ? "PASS" : "FAIL", what, size,
                problems.size());
        problems.stream().limit(10).forEach(p -> System.out.println("         " + p));
        if (!problems.isEmpty()) {
            failures.add(what + ": " + problems.size() + " mismatches");
        }
    }

    private static List<String> differences(Map<String, Long> truth, Map<String, Long> copy) {
        List<String> problems = new ArrayList<>();
        truth.forEach((key, version) -> {
            if (!version.equals(copy.get(key))) {
                problems.add(key + ": " + version + " in the source, " + copy.get(key) + " in the copy");
            }
        });
        copy.keySet().stream().filter(k -> !truth.containsKey(k))
                .forEach(k -> problems.add(k + ": not in the source, " + copy.get(k) + " in the copy"));
        return problems;
    }

    private static Map<String, Long> withoutTombstones(Map<String, Long> newest) {
        return newest.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The newest record per key, from the beginning of the topic to its current end: a version, or null (tombstone). */
    private Map<String, Long> newestPerKey(String topic, String versionField) throws IOException {
        Map<String, Long> newest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    newest.put(record.key(), record.value() == null ? null
                            : JSON.readTree(record.value()).get(versionField).asLong());
                }
            }
        }
        return newest;
    }

    private long records(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
        }
    }

    private Map<String, Long> catalogVersions() throws SQLException {
        return versions(CATALOG, "select sku, version from product");
    }

    private Map<String, Long> versions(String service, String sql) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Connection db = database(service); ResultSet rows = db.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return versions;
    }

    private Map<String, List<Long>> snapshots() throws SQLException {
        Map<String, List<Long>> snapshots = new HashMap<>();
        try (Connection db = database(RECOMMENDATION); ResultSet rows = db.createStatement().executeQuery(
                "select customer_id, profile_version from recommendation_snapshot order by customer_id, profile_version")) {
            while (rows.next()) {
                snapshots.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getLong(2));
            }
        }
        return snapshots;
    }

    private Connection database(String service) throws SQLException {
        Stack.Service s = services.get(service);
        return DriverManager.getConnection(postgres.jdbcUrl(s.database()), s.role(), s.role());
    }

    // ---------------------------------------------------------------- HTTP

    private boolean routineShows(String customer, long version) throws Exception {
        try {
            HttpResponse<String> response = send("GET", url(RECOMMENDATION, "/api/recommendations/" + customer),
                    token(customer), null, null);
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("profileVersion").asLong() >= version;
        } catch (IOException e) {
            return false;
        }
    }

    private String token(String customer) {
        return customerTokens.computeIfAbsent(customer, c -> DevTokens.issue(c, Set.of("customer"), Duration.ofHours(3)));
    }

    private String url(String service, String path) {
        return services.get(service).url() + path;
    }

    private HttpResponse<String> send(String method, String url, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The version an acknowledged write reports; -1 for an erasure, which has none. */
    private static long etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").map(tag -> Long.parseLong(tag.replaceAll("[^0-9]", ""))).orElse(-1L);
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void log(String message) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
