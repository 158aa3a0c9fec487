package com.skincareshop.benchmarks.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.catalog.CatalogDigest;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.stack.Stack;
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
 * Faults: {@code kill -9} of each service in the middle of a stream of writes, then the broker stopped for 30 s
 * and started again, then PostgreSQL crashed ({@code pg_ctl -m immediate stop}) for 20 s during a run of
 * erasures and started again, the services left running; afterwards the recommendation read models, the topics
 * and the issued routines are reconciled with the producers' databases, and no erased customer may be left in any
 * database or topic. The packaged services run on a throw-away broker and fresh fault_* databases on a PostgreSQL
 * cluster of the tool's own ({@link PrivatePostgres}), so that crashing it disturbs nobody else.
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
    private static final Duration POSTGRES_DOWN = Duration.ofSeconds(20);
    /** How long before PostgreSQL's crash the eraser starts erasing its customers, one every 200 ms. */
    private static final Duration ERASING_BEFORE_CRASH = Duration.ofSeconds(3);
    private static final int ERASED_CUSTOMERS = 30;
    /** What a dead letter must never hold: the questionnaire's fields, let alone their values. */
    private static final List<String> ANSWER_FIELDS = List.of("answers", "skinType", "concerns", "sunExposureHours",
            "marketingConsent", "pregnantOrBreastfeeding", "ageBand", "sensitive");

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
    private final PrivatePostgres database;
    private final Stack stack;
    private final Map<String, Stack.Service> services;
    private final LocalPostgres postgres;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> customerTokens = new ConcurrentHashMap<>();
    private final String merchandiser = DevTokens.issue("merch-1", Set.of("merchandiser"), Duration.ofHours(3));
    private final Map<String, String> recoveries = new LinkedHashMap<>();
    /**
     * Per service: from its kill to ready again (its writes may be refused or broken off), and from PostgreSQL's
     * crash to the service ready again (its writes may be answered with a 5xx or time out).
     */
    private final Map<String, List<Window>> downWindows = new ConcurrentHashMap<>();

    record Window(long from, long to, boolean database) {
        boolean overlaps(Write write) {
            return write.endedNanos() >= from && write.startedNanos() <= to;
        }

        /** What a write may have met in this window, other than an acknowledgement. */
        boolean allows(Write write) {
            return switch (write.outcome()) {
                case ACKNOWLEDGED -> true;
                case UNKNOWN -> true;
                case REFUSED -> !database;
                case FAILED -> database && write.detail().startsWith("5");
            };
        }
    }
    /** Per producer killed: when it was killed and when it was started again. */
    private final Map<String, long[]> restarts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile String phase = "steady";
    private volatile boolean writing = true;
    /** Set shortly before PostgreSQL's crash: the eraser erases its customers from then on. */
    private volatile boolean erasing;
    /** When PostgreSQL accepted connections again after its crash. */
    private long postgresBack;

    private FaultMeasurement(Path root, KafkaBroker broker, PrivatePostgres database, Stack stack) {
        this.root = root;
        this.broker = broker;
        this.database = database;
        this.postgres = database.admin();
        this.stack = stack;
        this.services = stack.services().stream().collect(Collectors.toMap(Stack.Service::name, s -> s));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path logs = root.resolve("benchmarks/load/target/fault-logs");
        if (Files.isDirectory(logs)) {
            try (var old = Files.list(logs)) {
                for (Path log : old.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.delete(log); // the services append: one run's logs per directory
                }
            }
        }
        boolean passed;
        // the cluster is closed last (and removed), also when the run fails
        try (PrivatePostgres database = PrivatePostgres.start(logs);
             KafkaBroker broker = KafkaBroker.temporary().start()) {
            System.out.println("private PostgreSQL cluster on 127.0.0.1:" + database.port());
            List<Stack.Service> services = Stack.onFreePorts("fault_");
            try (Stack stack = new Stack(root, logs, broker, services, database.admin())
                    .provisionDatabases(true).start().awaitReady(Duration.ofSeconds(180))) {
                passed = new FaultMeasurement(root, broker, database, stack).run(Duration.ofSeconds(steadySeconds));
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
        writers.add(new Thread(this::eraser, "eraser"));
        writers.forEach(Thread::start);
        log("writing: 2 catalogue writers, 3 profile writers (120 customers), 1 eraser (" + ERASED_CUSTOMERS
                + " customers, erased around PostgreSQL's crash)");
        Thread.sleep(steady.toMillis());

        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            killAndRestart(name);
            Thread.sleep(steady.toMillis());
        }
        stopAndStartBroker();
        Thread.sleep(Math.max(0, steady.minus(ERASING_BEFORE_CRASH).toMillis()));
        crashAndStartPostgres();
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
        for (String name : List.of(CATALOG, PROFILE)) {
            recoveries.put(name + ": postgres back -> first acknowledged write",
                    firstAcknowledged(name, postgresBack).map(t -> seconds(t - postgresBack)).orElse("none"));
        }
        reportWrites();
        reconcile();
        System.out.println();
        System.out.println("Recovery:");
        recoveries.forEach((what, time) -> System.out.printf("  %-62s %s%n", what, time));
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("RESULT: PASS");
        } else {
            System.out.println("RESULT: FAIL (" + failures.size() + ")");
            failures.stream().limit(40).forEach(f -> System.out.println("  - " + (f.length() > 400 ? f.substring(0, 400) + "..." : f)));
            if (failures.size() > 40) {
                System.out.println("  - ... and " + (failures.size() - 40) + " more");
            }
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
        downWindow(name, new Window(killed, ready, false));
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

    /**
     * PostgreSQL crashes ({@code pg_ctl -m immediate stop}: no checkpoint, every connection cut) while the eraser
     * is erasing, stays down 20 s and starts again; the services keep running and must recover on their own.
     */
    private void crashAndStartPostgres() throws Exception {
        phase = "erasing, before crash";
        erasing = true;
        log("the eraser erases its customers, one every 200 ms");
        Thread.sleep(ERASING_BEFORE_CRASH.toMillis());
        phase = "postgres down";
        log("PostgreSQL: immediate stop (a crash) for " + POSTGRES_DOWN.toSeconds() + " s");
        java.sql.Timestamp crashAt = new java.sql.Timestamp(System.currentTimeMillis());
        long crashing = System.nanoTime();
        database.stopImmediately();
        long down = System.nanoTime();
        recoveries.put("postgres: immediate stop took", seconds(down - crashing));
        // while it is down: does each service say it is not ready?
        Map<String, Long> unready = new LinkedHashMap<>();
        while (System.nanoTime() - down < POSTGRES_DOWN.toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                if (!unready.containsKey(name) && !Stack.ready(http, services.get(name))) {
                    unready.put(name, System.nanoTime() - crashing);
                }
            }
            Thread.sleep(100);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            recoveries.put(name + ": postgres crashed -> readiness down",
                    unready.containsKey(name) ? seconds(unready.get(name)) : "never (stayed ready)");
        }
        long starting = System.nanoTime();
        database.startServer();
        long back = System.nanoTime();
        phase = "postgres back";
        recoveries.put("postgres: start (crash recovery) took", seconds(back - starting));
        log("PostgreSQL back after " + seconds(back - crashing) + "; waiting for the services to recover, unrestarted");
        Map<String, Long> ready = new LinkedHashMap<>();
        while (ready.size() < 3 && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                if (!ready.containsKey(name) && Stack.ready(http, services.get(name))) {
                    ready.put(name, System.nanoTime());
                }
            }
            Thread.sleep(50);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            downWindow(name, new Window(crashing, ready.getOrDefault(name, System.nanoTime()), true));
            recoveries.put(name + ": postgres back -> ready (no restart)",
                    ready.containsKey(name) ? seconds(ready.get(name) - back) : "NOT within 3 min");
            if (!ready.containsKey(name)) {
                failures.add(name + ": not ready within 3 minutes of PostgreSQL's restart");
            }
        }
        stack.exitedService().ifPresent(name -> failures.add(name + " exited after PostgreSQL's crash"));
        postgresBack = back;

        // the profile consumer applies again: a new profile shows in the customer's routine
        String probe = "c-fault-probe-2";
        long version = -1;
        while (version < 0 && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            Write put = write(PROFILE, probe, "PUT", "9|false", "PUT", url(PROFILE, "/api/profiles/" + probe),
                    token(probe), profileBody(0, 0, 9).toString());
            version = put.outcome() == Outcome.ACKNOWLEDGED ? put.version() : -1;
            if (version < 0) {
                Thread.sleep(200);
            }
        }
        while (version > 0 && !routineShows(probe, version)) {
            if (System.nanoTime() - back > Duration.ofMinutes(3).toNanos()) {
                failures.add("recommendation-service did not apply a new profile within 3 minutes of PostgreSQL's restart");
                break;
            }
            Thread.sleep(50);
        }
        recoveries.put(RECOMMENDATION + ": postgres back -> new profile visible in a routine",
                version > 0 ? seconds(System.nanoTime() - back) : "no profile write acknowledged");

        // what was committed before the crash but not yet sent goes out
        Map<String, Long> drained = new LinkedHashMap<>();
        while (drained.size() < 3 && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                try {
                    if (!drained.containsKey(name) && unsentBefore(name, crashAt) == 0) {
                        drained.put(name, System.nanoTime() - back);
                    }
                } catch (SQLException e) {
                    // still recovering
                }
            }
            Thread.sleep(100);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            recoveries.put(name + ": postgres back -> outbox rows from before the crash sent",
                    drained.containsKey(name) ? seconds(drained.get(name)) : "NOT within 3 min");
            if (!drained.containsKey(name)) {
                failures.add(name + ": outbox rows from before PostgreSQL's crash not sent within 3 minutes");
            }
        }
        recoveries.put(RECOMMENDATION + ": profile batches the database refused (retried)",
                String.format("%.0f", recommendationMetrics().getOrDefault("profiles_consumer_failed_applies_total", 0.0)));
    }

    private void downWindow(String service, Window window) {
        downWindows.computeIfAbsent(service, s -> Collections.synchronizedList(new ArrayList<>())).add(window);
    }

    /**
     * A write's outcome is expected: acknowledged, or refused or broken off while its service was killed, or a 5xx
     * or broken off while its database was down.
     */
    private boolean expected(Write write) {
        List<Window> windows = downWindows.getOrDefault(write.service(), List.of());
        synchronized (windows) {
            return write.outcome() == Outcome.ACKNOWLEDGED
                    || windows.stream().anyMatch(w -> w.overlaps(write) && w.allows(write));
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

    /**
     * Customers of its own ({@value #ERASED_CUSTOMERS}), two thirds consenting so that routines are issued to them:
     * answers until shortly before PostgreSQL's crash, then the erasure of each, one every 200 ms, into and through
     * the outage; an erasure not acknowledged is tried again after the others, until it is. An erased customer is
     * never written again, so the reconciliation finds each of them erased everywhere.
     */
    private void eraser() {
        Random random = new Random(300);
        Map<String, Integer> counters = new HashMap<>();
        java.util.ArrayDeque<String> toErase = new java.util.ArrayDeque<>();
        for (int i = 0; i < ERASED_CUSTOMERS; i++) {
            toErase.add("c-fault-e-" + i);
        }
        while (writing) {
            if (!erasing) {
                int index = random.nextInt(ERASED_CUSTOMERS);
                String customer = "c-fault-e-" + index;
                int sunHours = counters.merge(customer, 1, Integer::sum) % 25;
                boolean consent = index % 3 != 2;
                pace(write(PROFILE, customer, "PUT", sunHours + "|" + consent, "PUT",
                        url(PROFILE, "/api/profiles/" + customer), token(customer),
                        profileBody(index, consent ? 1 : 0, sunHours).toString()));
            } else if (!toErase.isEmpty()) {
                String customer = toErase.poll();
                Write erasure = write(PROFILE, customer, "DELETE", "ERASED", "DELETE",
                        url(PROFILE, "/api/profiles/" + customer), token(customer), null);
                if (erasure.outcome() != Outcome.ACKNOWLEDGED) {
                    toErase.add(customer);
                }
                sleepQuietly(200);
            } else {
                sleepQuietly(100);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        Map<String, Long> duringOutage = all.stream().filter(w -> w.phase().startsWith("postgres")
                        && w.outcome() != Outcome.ACKNOWLEDGED)
                .collect(Collectors.groupingBy(w -> w.outcome() == Outcome.FAILED ? w.detail().split(" ")[0]
                        : w.outcome().name().toLowerCase(), TreeMap::new, Collectors.counting()));
        List<Long> failedAfter = all.stream().filter(w -> w.phase().startsWith("postgres") && w.outcome() == Outcome.FAILED)
                .map(w -> (w.endedNanos() - w.startedNanos()) / 1_000_000).sorted().toList();
        System.out.println("  not acknowledged while PostgreSQL was down or coming back, by answer: " + duringOutage
                + (failedAfter.isEmpty() ? "" : "; the error answers took " + failedAfter.get(failedAfter.size() / 2)
                + " ms (median), " + failedAfter.get(failedAfter.size() - 1) + " ms at most"));
        for (Write write : all) {
            // a refused or broken connection is expected only from a service while it is down, an error answer
            // (5xx) only while its database is
            if (!expected(write)) {
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
        Map<String, Long> erasures = versions(PROFILE, "select customer_id, version from profile_erasure");
        Map<String, Long> readModel = versions(RECOMMENDATION, "select customer_id, version from customer_profile");
        Map<String, List<Long>> snapshots = snapshots();

        check("profile read model (customer, version) = profile-service's profiles", profiles.size() + " customers",
                differences(profiles, readModel));

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

        checkErased(profiles, erasures, readModel, snapshots);
        checkDeadLetters();
        checkSnapshots(readModel, snapshots);
        checkAcknowledged(catalog, profiles, erasures);
    }

    /**
     * No erased customer anywhere. Erased: whoever profile-service's {@code profile_erasure} holds, and every
     * customer the tool erased who has no profile now. Nothing of theirs may be left in profile-service (profile,
     * history, an outbox row with a payload naming them) or in recommendation-service (read model, snapshots,
     * outbox payloads), and recommendation-service's erasure marker carries the erasure's version. On every topic
     * but the dead letters, the newest record of an erased customer's key is a tombstone; on
     * {@code profiles.skin.v1} it is there and carries the erasure's version, and on
     * {@code recommendations.issued.v1} it is there (an erasure always withdraws what may have been issued).
     */
    private void checkErased(Map<String, Long> profiles, Map<String, Long> erasures, Map<String, Long> readModel,
                             Map<String, List<Long>> snapshots) throws Exception {
        Set<String> erased = new java.util.TreeSet<>(erasures.keySet());
        synchronized (writes) {
            writes.stream().filter(w -> w.op().equals("DELETE") && w.service().equals(PROFILE)).map(Write::key)
                    .filter(k -> !profiles.containsKey(k)).forEach(erased::add);
        }
        String size = erased.size() + " erased (" + erasures.size() + " in profile_erasure, "
                + erased.stream().filter(c -> c.startsWith("c-fault-e-")).count() + " of the eraser's)";

        List<String> inProfiles = new ArrayList<>();
        erased.stream().filter(profiles::containsKey).forEach(c -> inProfiles.add(c + ": erased, and in profile"));
        Set<String> histories = new HashSet<>(versions(PROFILE, "select customer_id, max(version) from profile_version "
                + "group by customer_id").keySet());
        erased.stream().filter(histories::contains).forEach(c -> inProfiles.add(c + ": erased, and in profile_version"));
        outboxNaming(PROFILE, erased).forEach(row -> inProfiles.add(row + " (profile-service's outbox)"));
        check("erased customers: nothing in profile-service (profile, profile_version, outbox payloads)", size,
                inProfiles);

        List<String> inRecommendations = new ArrayList<>();
        erased.stream().filter(readModel::containsKey).forEach(c -> inRecommendations.add(c + ": erased, and in customer_profile"));
        erased.stream().filter(snapshots::containsKey)
                .forEach(c -> inRecommendations.add(c + ": erased, and in recommendation_snapshot"));
        outboxNaming(RECOMMENDATION, erased).forEach(row -> inRecommendations.add(row + " (recommendation-service's outbox)"));
        Map<String, Long> markers = versions(RECOMMENDATION, "select customer_id, erased_version from erased_customer");
        erasures.forEach((customer, version) -> {
            if (!version.equals(markers.get(customer))) {
                inRecommendations.add(customer + ": erased at v" + version + ", marker " + markers.get(customer));
            }
        });
        check("erased customers: nothing in recommendation-service (customer_profile, snapshots, outbox payloads); "
                + "marker at the erasure's version", size, inRecommendations);

        List<String> onTopics = new ArrayList<>();
        List<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            topics = admin.listTopics().names().get().stream().filter(t -> !t.endsWith(".dlq")).sorted().toList();
        }
        for (String topic : topics) {
            Map<String, ConsumerRecord<String, byte[]>> newest = newestRecords(topic);
            for (String customer : erased) {
                ConsumerRecord<String, byte[]> record = newest.get(customer);
                if (record != null && record.value() != null) {
                    onTopics.add(topic + ": the newest record of " + customer + " (offset " + record.offset()
                            + ") holds a value");
                }
            }
            if (topic.equals(Topics.PROFILES_SKIN) || topic.equals(Topics.RECOMMENDATIONS_ISSUED)) {
                erasures.forEach((customer, version) -> {
                    ConsumerRecord<String, byte[]> record = newest.get(customer);
                    if (record == null) {
                        onTopics.add(topic + ": no tombstone for " + customer);
                    } else if (topic.equals(Topics.PROFILES_SKIN) && record.value() == null
                            && !String.valueOf(version).equals(header(record, "ce_aggregateversion"))) {
                        onTopics.add(topic + ": tombstone of " + customer + " carries version "
                                + header(record, "ce_aggregateversion") + ", the erasure's is " + version);
                    }
                });
            }
        }
        check("erased customers: the newest record of their key on every topic is a tombstone (" + String.join(", ", topics)
                + "); profiles.skin.v1's carries the erasure's version", size, onTopics);
    }

    /** Outbox rows with a payload whose key or content names one of the customers. */
    private List<String> outboxNaming(String service, Set<String> customers) throws SQLException {
        List<String> found = new ArrayList<>();
        java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("\"(c-fault-[A-Za-z0-9._:-]+)\"");
        try (Connection db = database(service); ResultSet rows = db.createStatement().executeQuery(
                "select seq, topic, message_key, payload from outbox_event where payload is not null")) {
            while (rows.next()) {
                Set<String> named = new HashSet<>();
                named.add(rows.getString(3));
                var matcher = quoted.matcher(rows.getString(4));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
                named.retainAll(customers);
                if (!named.isEmpty()) {
                    found.add(named + ": outbox row " + rows.getLong(1) + " on " + rows.getString(2) + " has a payload");
                }
            }
        }
        return found;
    }

    /**
     * The dead-letter topics (every {@code *.dlq} the broker has) are empty: no valid event was parked. Should one
     * not be, none of its records may hold answers, in its value or its headers.
     */
    private void checkDeadLetters() throws Exception {
        Set<String> topics = new java.util.TreeSet<>(List.of(Topics.deadLetterOf(Topics.CATALOG_PRODUCTS),
                Topics.deadLetterOf(Topics.PROFILES_SKIN)));
        Set<String> existing;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            existing = admin.listTopics().names().get();
        }
        existing.stream().filter(t -> t.endsWith(".dlq")).forEach(topics::add);
        List<String> problems = new ArrayList<>();
        int records = 0;
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                continue; // never created: nothing parked
            }
            for (ConsumerRecord<String, byte[]> record : allRecords(topic)) {
                records++;
                problems.add(topic + "@" + record.partition() + ":" + record.offset() + " parked: "
                        + header(record, "dlq.error"));
                List<String> texts = new ArrayList<>();
                texts.add(record.value() == null ? "" : new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                record.headers().forEach(h -> texts.add(h.key() + "=" + (h.value() == null ? ""
                        : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8))));
                for (String field : ANSWER_FIELDS) {
                    if (texts.stream().anyMatch(t -> t.contains("\"" + field + "\""))) {
                        problems.add(topic + "@" + record.partition() + ":" + record.offset() + " holds \"" + field + "\"");
                    }
                }
            }
        }
        check("dead-letter topics empty (no valid event parked), no dead letter holding answers",
                topics.size() + " topics, " + records + " records", problems);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Issued routines. RecommendationIssuer stores one snapshot (and publishes it) each time a consenting
     * customer's profile version is applied as newer (re-issues after a catalogue change, cause other than
     * {@code PROFILE}, are left out of these checks); a replayed or duplicated event is not newer, so it issues
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
     * Every acknowledged write is in the producer's database, and versions count changes exactly.
     *
     * <p>Catalogue: between two acknowledged writes of a sku the version grows by one, plus at most one per unknown
     * write in between (one that may or may not have committed); the database holds the last acknowledged state
     * unless an unknown write came after it.
     *
     * <p>Profiles: erasure is a version too. Every answer and every erasure of a customer who has a profile takes
     * the next version; an erasure of a customer who has none keeps the erasure's version (1 if there was none);
     * answers after an erasure go on from its version. The erasure's answer carries no version, so the check
     * follows every state (version, profile or erased) the writes allow, an unknown write forking it: each
     * acknowledged answer's version must follow from one of them, and profile-service's final state (its profile,
     * or its erasure's version) must be one of those the writes leave.
     */
    private void checkAcknowledged(Map<String, Long> catalog, Map<String, Long> profiles, Map<String, Long> erasures)
            throws Exception {
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
        int[] counts = new int[3]; // acknowledged, unknown, unknown that committed (seen in versions)
        Map<String, List<Write>> byKey;
        synchronized (writes) {
            byKey = writes.stream().filter(w -> w.outcome() != Outcome.REFUSED)
                    .collect(Collectors.groupingBy(w -> w.service() + " " + w.key(), TreeMap::new, Collectors.toList()));
        }
        for (var entry : byKey.entrySet()) {
            List<Write> sequence = entry.getValue();
            if (sequence.get(0).service().equals(CATALOG)) {
                checkCatalogKey(entry.getKey(), sequence, catalog, catalogState, problems, counts);
            } else {
                checkProfileKey(entry.getKey(), sequence, profiles, erasures, history, problems, counts);
            }
        }
        check("acknowledged writes in the producers' databases; versions count each change once",
                counts[0] + " acknowledged; of " + counts[1] + " unknown/failed, " + counts[2]
                        + " committed (seen in versions)", problems);
    }

    private static void checkCatalogKey(String name, List<Write> sequence, Map<String, Long> catalog,
                                        Map<String, String> catalogState, List<String> problems, int[] counts) {
        String key = sequence.get(0).key();
        Write lastAcknowledged = null;
        int uncertainSince = 0;
        for (Write write : sequence) {
            if (write.outcome() != Outcome.ACKNOWLEDGED) {
                uncertainSince++;
                counts[1]++;
                continue;
            }
            counts[0]++;
            long previous = lastAcknowledged == null ? 0 : lastAcknowledged.version();
            long grew = write.version() - previous;
            if (grew < 1 || grew > 1 + uncertainSince) {
                problems.add(name + ": version " + previous + " -> " + write.version() + " with " + uncertainSince
                        + " unknown writes between");
            } else {
                counts[2] += (int) (grew - 1);
            }
            lastAcknowledged = write;
            uncertainSince = 0;
        }
        // the database holds the last acknowledged write, unless an unknown one may have come after it
        if (lastAcknowledged != null && uncertainSince == 0) {
            String expected = lastAcknowledged.expected();
            String actual = catalogState.get(key);
            // a discontinuation sets the status only; a PUT sets price, stock and status
            String normalized = expected.equals("DISCONTINUED") ? expected
                    : new BigDecimal(expected.split("\\|")[0]).stripTrailingZeros().toPlainString()
                    + expected.substring(expected.indexOf('|'));
            boolean same = actual != null && (expected.equals("DISCONTINUED")
                    ? actual.endsWith("|DISCONTINUED") : normalized.equals(actual));
            if (!same || !Objects.equals(catalog.get(key), lastAcknowledged.version())) {
                problems.add(name + ": last acknowledged " + normalized + " v" + lastAcknowledged.version()
                        + ", database " + actual + " v" + catalog.get(key));
            }
        }
    }

    /** A customer's state in profile-service: the version held, and whether it is a profile or an erasure. */
    record ProfileState(long version, boolean exists) {
        ProfileState after(boolean answer) {
            if (answer || exists) {
                return new ProfileState(version + 1, answer);
            }
            return new ProfileState(version == 0 ? 1 : version, false); // erasing what is already erased
        }

        @Override
        public String toString() {
            return (exists ? "v" : "erased v") + version;
        }
    }

    private static void checkProfileKey(String name, List<Write> sequence, Map<String, Long> profiles,
                                        Map<String, Long> erasures, Map<String, String> history, List<String> problems,
                                        int[] counts) {
        String key = sequence.get(0).key();
        // every state the writes so far allow, with the fewest unknown writes that must have committed for it
        Map<ProfileState, Integer> states = new HashMap<>(Map.of(new ProfileState(0, false), 0));
        for (Write write : sequence) {
            boolean answer = write.op().equals("PUT");
            Map<ProfileState, Integer> next = new HashMap<>();
            if (write.outcome() != Outcome.ACKNOWLEDGED) {
                counts[1]++;
                next.putAll(states);
                states.forEach((state, committed) -> next.merge(state.after(answer), committed + 1, Math::min));
                states = next;
                continue;
            }
            counts[0]++;
            if (!answer) {
                states.forEach((state, committed) -> next.merge(state.after(false), committed, Math::min));
                states = next;
                continue;
            }
            ProfileState acknowledged = new ProfileState(write.version(), true);
            Integer committed = states.entrySet().stream().filter(e -> e.getKey().after(true).equals(acknowledged))
                    .map(Map.Entry::getValue).min(Integer::compare).orElse(null);
            if (committed == null) {
                problems.add(name + ": acknowledged v" + write.version() + " does not follow from " + states.keySet());
                committed = 0;
            }
            states = new HashMap<>(Map.of(acknowledged, committed));
            // an erasure after it deletes the history
            if (!erasedLater(sequence, write)) {
                String stored = history.get(key + ":" + write.version());
                if (stored == null) {
                    problems.add(name + ": acknowledged version " + write.version() + " not in the history");
                } else if (!stored.equals(write.expected())) {
                    problems.add(name + ": version " + write.version() + " holds other answers");
                }
            }
        }
        ProfileState stored = profiles.containsKey(key) ? new ProfileState(profiles.get(key), true)
                : new ProfileState(erasures.getOrDefault(key, 0L), false);
        if (states.containsKey(stored)) {
            counts[2] += states.get(stored);
        } else {
            problems.add(name + ": profile-service holds " + stored + ", the writes allow only " + states.keySet());
        }
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
        for (var record : newestRecords(topic).entrySet()) {
            byte[] value = record.getValue().value();
            newest.put(record.getKey(), value == null ? null : JSON.readTree(value).get(versionField).asLong());
        }
        return newest;
    }

    /** The newest record per key, from the beginning of the topic to its current end. */
    private Map<String, ConsumerRecord<String, byte[]>> newestRecords(String topic) {
        Map<String, ConsumerRecord<String, byte[]>> newest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : allRecords(topic)) {
            newest.put(record.key(), record); // in offset order within a partition, and a key has one partition
        }
        return newest;
    }

    /** Every record of a topic, from its beginning to its current end, in offset order per partition. */
    private List<ConsumerRecord<String, byte[]>> allRecords(String topic) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    all.add(record);
                }
            }
        }
        return all;
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
                // one per profile version that was applied; re-issues after a catalogue change keep the version
                // with a higher revision (README, "Drift behaviour") and are not what this checks
                "select customer_id, profile_version from recommendation_snapshot where cause is null or cause = 'PROFILE'"
                        + " order by customer_id, profile_version")) {
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
