package com.skincareshop.benchmarks.faults;

import static com.skincareshop.benchmarks.faults.FaultRun.PROFILE;
import static com.skincareshop.benchmarks.faults.FaultRun.RECOMMENDATION;
import static com.skincareshop.benchmarks.faults.FaultRun.seconds;

import com.skincareshop.benchmarks.reconciliation.Write;
import com.skincareshop.benchmarks.reconciliation.Write.Outcome;
import com.skincareshop.platform.stack.Stack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;

/**
 * {@code kill -9} of one service in the middle of the writes, 5 s down, then started again on the same port and
 * database: how long until it is ready, and for recommendation-service until its profile consumer has its
 * partitions back and a new profile shows in a routine.
 */
final class ServiceKill {

    private static final Duration SERVICE_DOWN = Duration.ofSeconds(5);

    private final FaultRun run;
    private final FaultWorkload workload;
    /** Per producer killed: when it was killed and when it was started again. */
    private final Map<String, long[]> restarts = new LinkedHashMap<>();

    ServiceKill(FaultRun run, FaultWorkload workload) {
        this.run = run;
        this.workload = workload;
    }

    void run(String name) throws Exception {
        String shortName = name.replace("-service", "");
        workload.phase(shortName + " killed");
        run.log("kill -9 " + name);
        long killed = System.nanoTime();
        run.stack.kill(name);
        Thread.sleep(SERVICE_DOWN.toMillis());
        long restarted = System.nanoTime();
        run.stack.restart(name);
        while (!Stack.ready(run.http, run.services.get(name))) {
            if (System.nanoTime() - restarted > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException(name + " not ready 2 minutes after its restart");
            }
            Thread.sleep(50);
        }
        long ready = System.nanoTime();
        workload.downWindow(name, new FaultWorkload.Window(killed, ready, false));
        run.recoveries.put(name + ": restart -> ready", seconds(ready - restarted));
        run.log(name + " ready again, " + seconds(ready - restarted) + " after its restart");
        if (name.equals(RECOMMENDATION)) {
            // ready means the catalogue table caught up; the profile consumer must also have its partitions back
            try (Admin admin = Admin.create(run.broker.adminClientConfig())) {
                while (!groupHasMembers(admin)
                        && System.nanoTime() - ready < Duration.ofMinutes(3).toNanos()) {
                    Thread.sleep(100);
                }
            }
            run.recoveries.put(
                    name + ": restart -> profile consumer group has its member again",
                    seconds(System.nanoTime() - restarted));
            String probe = "c-fault-probe-1";
            HttpResponse<String> put = run.send(
                    "PUT",
                    run.url(PROFILE, "/api/profiles/" + probe),
                    run.token(probe),
                    "application/json",
                    FaultWorkload.profileBody(0, 0, 7).toString());
            long version = FaultRun.etag(put);
            workload.record(new Write(
                    workload.phase(),
                    PROFILE,
                    probe,
                    "PUT",
                    "7|false",
                    Outcome.ACKNOWLEDGED,
                    version,
                    ready,
                    System.nanoTime(),
                    ""));
            while (!run.routineShows(probe, version)) {
                if (System.nanoTime() - ready > Duration.ofMinutes(3).toNanos()) {
                    run.failures.add(
                            "recommendation-service did not consume a new profile within 3 minutes of its restart");
                    break;
                }
                Thread.sleep(50);
            }
            run.recoveries.put(
                    name + ": restart -> new profile visible in a routine", seconds(System.nanoTime() - restarted));
        } else {
            restarts.put(name, new long[] {killed, restarted});
        }
    }

    /** Per producer killed, in the order they were: when it was killed and when it was started again (nanos). */
    Map<String, long[]> restarts() {
        return restarts;
    }

    private static boolean groupHasMembers(Admin admin) throws Exception {
        var group = admin.describeConsumerGroups(List.of("recommendation-service"))
                .all()
                .get()
                .get("recommendation-service");
        return group.groupState() == GroupState.STABLE
                && !group.members().isEmpty()
                && group.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
    }
}
