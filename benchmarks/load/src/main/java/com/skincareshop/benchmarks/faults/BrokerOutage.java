package com.skincareshop.benchmarks.faults;

import static com.skincareshop.benchmarks.faults.FaultRun.CATALOG;
import static com.skincareshop.benchmarks.faults.FaultRun.PROFILE;
import static com.skincareshop.benchmarks.faults.FaultRun.RECOMMENDATION;
import static com.skincareshop.benchmarks.faults.FaultRun.seconds;

import com.skincareshop.benchmarks.reconciliation.Reconciliation;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker stopped for 30 s and started again while the services keep writing to their outboxes: how long until
 * each outbox has sent what was written during the outage.
 */
final class BrokerOutage {

    private static final Duration BROKER_DOWN = Duration.ofSeconds(30);

    private final FaultRun run;
    private final FaultWorkload workload;
    private final Reconciliation reconciliation;

    BrokerOutage(FaultRun run, FaultWorkload workload, Reconciliation reconciliation) {
        this.run = run;
        this.workload = workload;
        this.reconciliation = reconciliation;
    }

    void run() throws Exception {
        workload.phase("broker down");
        run.log("stopping the broker for " + BROKER_DOWN.toSeconds() + " s");
        long stopping = System.nanoTime();
        run.broker.stop();
        Thread.sleep(BROKER_DOWN.toMillis());
        run.broker.start();
        long back = System.nanoTime();
        workload.phase("broker back");
        run.log("broker back after " + seconds(back - stopping) + "; waiting for the outboxes to drain");
        Timestamp backAt = new Timestamp(System.currentTimeMillis());
        Map<String, Long> drained = new LinkedHashMap<>();
        while (drained.size() < 3
                && System.nanoTime() - back < Duration.ofMinutes(3).toNanos()) {
            for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
                if (!drained.containsKey(name) && reconciliation.unsentBefore(name, backAt) == 0) {
                    drained.put(name, System.nanoTime() - back);
                }
            }
            Thread.sleep(100);
        }
        for (String name : List.of(CATALOG, PROFILE, RECOMMENDATION)) {
            run.recoveries.put(
                    name + ": broker back -> outbox rows from the outage sent",
                    drained.containsKey(name) ? seconds(drained.get(name)) : "NOT within 3 min");
            if (!drained.containsKey(name)) {
                run.failures.add(name + ": outbox not drained within 3 minutes of the broker's restart");
            }
        }
    }
}
