package com.skincareshop.benchmarks.faults;

import static com.skincareshop.benchmarks.faults.FaultRun.CATALOG;
import static com.skincareshop.benchmarks.faults.FaultRun.PROFILE;
import static com.skincareshop.benchmarks.faults.FaultRun.RECOMMENDATION;
import static com.skincareshop.benchmarks.faults.FaultRun.seconds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.benchmarks.reconciliation.Reconciliation;
import com.skincareshop.benchmarks.reconciliation.Write;
import com.skincareshop.benchmarks.reconciliation.Write.Outcome;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Faults: {@code kill -9} of each service in the middle of a stream of writes, then the broker stopped for 30 s
 * and started again, then PostgreSQL crashed ({@code pg_ctl -m immediate stop}) for 20 s during a run of
 * erasures and started again, the services left running; afterwards the recommendation read models, the topics
 * and the issued routines are reconciled with the producers' databases, and no erased customer may be left in any
 * database or topic. The packaged services run on a throw-away broker and fresh fault_* databases on a PostgreSQL
 * cluster of the tool's own ({@link PrivatePostgres}), so that crashing it disturbs nobody else.
 *
 * <p>The run is three ideas, each a class: the faults ({@link ServiceKill}, {@link BrokerOutage},
 * {@link PostgresCrash}), the traffic that runs through them ({@link FaultWorkload}, which logs every write as the
 * client saw it) and the reconciliation ({@link Reconciliation}: the producers' databases are the truth; every
 * acknowledged write must be in them).
 *
 * <p>Arguments: the repository root, the seconds of steady writing around each fault (default 15). Exit code 1
 * when a check fails.
 */
public final class FaultMeasurement {

    private final Path root;
    private final FaultRun run;
    private final FaultWorkload workload;
    private final Reconciliation reconciliation;
    private final Map<String, String> recoveries;
    private final List<String> failures;

    private FaultMeasurement(Path root, FaultRun run) {
        this.root = root;
        this.run = run;
        this.workload = new FaultWorkload(run);
        this.reconciliation = new Reconciliation(run.broker, run.database.admin(), run.stack.services());
        this.recoveries = run.recoveries;
        this.failures = run.failures;
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
                    .provisionDatabases(true)
                    .start()
                    .awaitReady(Duration.ofSeconds(180))) {
                passed = new FaultMeasurement(root, new FaultRun(stack, broker, database))
                        .run(Duration.ofSeconds(steadySeconds));
            }
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run(Duration steady) throws Exception {
        HttpResponse<String> imported = run.http.send(
                HttpRequest.newBuilder(URI.create(run.url(CATALOG, "/api/products/import")))
                        .timeout(Duration.ofMinutes(2)) // a cold service on a busy machine takes its time
                        .header("Authorization", "Bearer " + run.merchandiser)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofFile(
                                root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("demo catalogue import failed: " + imported.body());
        }
        // the import is each demo product's first acknowledged write (version 1)
        try (Connection db = reconciliation.database(CATALOG);
                ResultSet rows = db.createStatement()
                        .executeQuery("select sku, version, price_amount, stock, status from product")) {
            long now = System.nanoTime();
            while (rows.next()) {
                workload.record(new Write(
                        workload.phase(),
                        CATALOG,
                        rows.getString(1),
                        "IMPORT",
                        rows.getBigDecimal(3).toPlainString() + "|" + rows.getInt(4) + "|" + rows.getString(5),
                        Outcome.ACKNOWLEDGED,
                        rows.getLong(2),
                        now,
                        now,
                        ""));
            }
        }
        List<ObjectNode> demo =
                Files.readAllLines(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")).stream()
                        .filter(line -> !line.isBlank())
                        .map(FaultRun::object)
                        .toList();

        workload.start(demo);
        run.log("writing: 2 catalogue writers, 3 profile writers (120 customers), 1 eraser ("
                + FaultWorkload.ERASED_CUSTOMERS + " customers, erased around PostgreSQL's crash)");
        Thread.sleep(steady.toMillis());

        ServiceKill serviceKill = new ServiceKill(run, workload);
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            serviceKill.run(name);
            Thread.sleep(steady.toMillis());
        }
        new BrokerOutage(run, workload, reconciliation).run();
        Thread.sleep(
                Math.max(0, steady.minus(PostgresCrash.ERASING_BEFORE_CRASH).toMillis()));
        PostgresCrash postgresCrash = new PostgresCrash(run, workload, reconciliation);
        postgresCrash.run();
        Thread.sleep(steady.toMillis());

        workload.stop();
        workload.phase("drain");
        run.log("writers stopped; waiting until the outboxes are empty and the consumers caught up");
        long drainStart = System.nanoTime();
        boolean drained = reconciliation.awaitDrained(Duration.ofMinutes(3));
        recoveries.put(
                "drained after the writers stopped",
                drained ? seconds(System.nanoTime() - drainStart) : "NOT within 3 min");
        if (!drained) {
            failures.add("not drained within 3 minutes");
        }
        serviceKill
                .restarts()
                .forEach((name, times) -> recoveries.put(
                        name + ": kill -> first acknowledged write after the restart",
                        workload.firstAcknowledged(name, times[1])
                                .map(t -> seconds(t - times[0]))
                                .orElse("none")));
        long postgresBack = postgresCrash.back();
        for (String name : List.of(CATALOG, PROFILE)) {
            recoveries.put(
                    name + ": postgres back -> first acknowledged write",
                    workload.firstAcknowledged(name, postgresBack)
                            .map(t -> seconds(t - postgresBack))
                            .orElse("none"));
        }
        workload.reportWrites();
        reconciliation.reconcile(workload.writes(), FaultWorkload.CUSTOMER_PREFIX, FaultWorkload.ERASER_PREFIX);
        failures.addAll(reconciliation.failures());
        System.out.println();
        System.out.println("Recovery:");
        recoveries.forEach((what, time) -> System.out.printf("  %-62s %s%n", what, time));
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("RESULT: PASS");
        } else {
            System.out.println("RESULT: FAIL (" + failures.size() + ")");
            failures.stream()
                    .limit(40)
                    .forEach(f -> System.out.println("  - " + (f.length() > 400 ? f.substring(0, 400) + "..." : f)));
            if (failures.size() > 40) {
                System.out.println("  - ... and " + (failures.size() - 40) + " more");
            }
        }
        return failures.isEmpty();
    }
}
