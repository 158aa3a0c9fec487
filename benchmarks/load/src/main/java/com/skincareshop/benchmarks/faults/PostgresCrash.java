package com.skincareshop.benchmarks.faults;

import static com.skincareshop.benchmarks.faults.FaultRun.CATALOG;
import static com.skincareshop.benchmarks.faults.FaultRun.PROFILE;
import static com.skincareshop.benchmarks.faults.FaultRun.RECOMMENDATION;
import static com.skincareshop.benchmarks.faults.FaultRun.seconds;

import com.skincareshop.benchmarks.reconciliation.Reconciliation;
import com.skincareshop.benchmarks.reconciliation.Write;
import com.skincareshop.benchmarks.reconciliation.Write.Outcome;
import com.skincareshop.platform.stack.Stack;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL crashed ({@code pg_ctl -m immediate stop}) for 20 s while the eraser erases, then started again, the
 * services left running: whether their readiness went down, how long until each is ready again unrestarted, until
 * a new profile shows in a routine, and until what was committed before the crash has been sent.
 */
final class PostgresCrash {

    /** How long before PostgreSQL's crash the eraser starts erasing its customers, one every 200 ms. */
    static final Duration ERASING_BEFORE_CRASH = Duration.ofSeconds(3);

    private static final Duration POSTGRES_DOWN = Duration.ofSeconds(20);

    private final FaultRun run;
    private final FaultWorkload workload;
    private final Reconciliation reconciliation;
    /** When PostgreSQL accepted connections again after its crash. */
    private long back;

    PostgresCrash(FaultRun run, FaultWorkload workload, Reconciliation reconciliation) {
        this.run = run;
        this.workload = workload;
        this.reconciliation = reconciliation;
    }

    /**
     * PostgreSQL crashes ({@code pg_ctl -m immediate stop}: no checkpoint, every connection cut) while the eraser
     * is erasing, stays down 20 s and starts again; the services keep running and must recover on their own.
     */
    void run() throws Exception {
        workload.phase("erasing, before crash");
        workload.startErasing();
        run.log("the eraser erases its customers, one every 200 ms");
        Thread.sleep(ERASING_BEFORE_CRASH.toMillis());
        workload.phase("postgres down");
        run.log("PostgreSQL: immediate stop (a crash) for " + POSTGRES_DOWN.toSeconds() + " s");
        Timestamp crashAt = new Timestamp(System.currentTimeMillis());
        long crashing = System.nanoTime();
        run.database.stopImmediately();
        long down = System.nanoTime();
        run.recoveries.put("postgres: immediate stop took", seconds(down - crashing));
        // while it is down: does each service say it is not ready?
        Map<String, Long> unready = new LinkedHashMap<>();
        while (System.nanoTime() - down < POSTGRES_DOWN.toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                if (!unready.containsKey(name) && !Stack.ready(run.http, run.services.get(name))) {
                    unready.put(name, System.nanoTime() - crashing);
                }
            }
            Thread.sleep(100);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            run.recoveries.put(
                    name + ": postgres crashed -> readiness down",
                    unready.containsKey(name) ? seconds(unready.get(name)) : "never (stayed ready)");
        }
        long starting = System.nanoTime();
        run.database.startServer();
        long back = System.nanoTime();
        workload.phase("postgres back");
        run.recoveries.put("postgres: start (crash recovery) took", seconds(back - starting));
        run.log("PostgreSQL back after " + seconds(back - crashing)
                + "; waiting for the services to recover, unrestarted");
        Map<String, Long> ready = new LinkedHashMap<>();
        while (ready.size() < 3
                && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                if (!ready.containsKey(name) && Stack.ready(run.http, run.services.get(name))) {
                    ready.put(name, System.nanoTime());
                }
            }
            Thread.sleep(50);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            workload.downWindow(
                    name, new FaultWorkload.Window(crashing, ready.getOrDefault(name, System.nanoTime()), true));
            run.recoveries.put(
                    name + ": postgres back -> ready (no restart)",
                    ready.containsKey(name) ? seconds(ready.get(name) - back) : "NOT within 3 min");
            if (!ready.containsKey(name)) {
                run.failures.add(name + ": not ready within 3 minutes of PostgreSQL's restart");
            }
        }
        run.stack.exitedService().ifPresent(name -> run.failures.add(name + " exited after PostgreSQL's crash"));
        this.back = back;

        // the profile consumer applies again: a new profile shows in the customer's routine
        String probe = "c-fault-probe-2";
        long version = -1;
        while (version < 0 && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            Write put = workload.write(
                    PROFILE,
                    probe,
                    "PUT",
                    "9|false",
                    "PUT",
                    run.url(PROFILE, "/api/profiles/" + probe),
                    run.token(probe),
                    FaultWorkload.profileBody(0, 0, 9).toString());
            version = put.outcome() == Outcome.ACKNOWLEDGED ? put.version() : -1;
            if (version < 0) {
                Thread.sleep(200);
            }
        }
        while (version > 0 && !run.routineShows(probe, version)) {
            if (System.nanoTime() - back > Duration.ofMinutes(3).toNanos()) {
                run.failures.add(
                        "recommendation-service did not apply a new profile within 3 minutes of PostgreSQL's restart");
                break;
            }
            Thread.sleep(50);
        }
        run.recoveries.put(
                RECOMMENDATION + ": postgres back -> new profile visible in a routine",
                version > 0 ? seconds(System.nanoTime() - back) : "no profile write acknowledged");

        // what was committed before the crash but not yet sent goes out
        Map<String, Long> drained = new LinkedHashMap<>();
        while (drained.size() < 3
                && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                try {
                    if (!drained.containsKey(name) && reconciliation.unsentBefore(name, crashAt) == 0) {
                        drained.put(name, System.nanoTime() - back);
                    }
                } catch (SQLException e) {
                    // still recovering
                }
            }
            Thread.sleep(100);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            run.recoveries.put(
                    name + ": postgres back -> outbox rows from before the crash sent",
                    drained.containsKey(name) ? seconds(drained.get(name)) : "NOT within 3 min");
            if (!drained.containsKey(name)) {
                run.failures.add(name + ": outbox rows from before PostgreSQL's crash not sent within 3 minutes");
            }
        }
        run.recoveries.put(
                RECOMMENDATION + ": profile batches the database refused (retried)",
                String.format(
                        "%.0f",
                        reconciliation
                                .recommendationMetrics()
                                .getOrDefault("profiles_consumer_failed_applies_total", 0.0)));
    }

    /** When PostgreSQL accepted connections again after its crash (nanos). */
    long back() {
        return back;
    }
}
