package com.skincareshop.benchmarks.faults;

import static com.skincareshop.benchmarks.faults.FaultRun.CATALOG;
import static com.skincareshop.benchmarks.faults.FaultRun.PROFILE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.benchmarks.reconciliation.Write;
import com.skincareshop.benchmarks.reconciliation.Write.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The traffic that runs through the faults: 2 catalogue writers (price and stock changes, new and discontinued
 * products), 3 profile writers (answers and erasures of 120 customers) and an eraser whose {@value #ERASED_CUSTOMERS}
 * customers are erased around PostgreSQL's crash. Every write is logged as the client saw it ({@link Write}); the
 * report judges each outcome by the windows in which its service or its database was down.
 */
final class FaultWorkload {

    static final int ERASED_CUSTOMERS = 30;
    /** Every customer the workload writes; an outbox payload naming one is found by it. */
    static final String CUSTOMER_PREFIX = "c-fault-";
    /** The eraser's customers. */
    static final String ERASER_PREFIX = "c-fault-e-";

    private final FaultRun run;
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    /**
     * Per service: from its kill to ready again (its writes may be refused or broken off), and from PostgreSQL's
     * crash to the service ready again (its writes may be answered with a 5xx or time out).
     */
    private final Map<String, List<Window>> downWindows = new ConcurrentHashMap<>();

    private final List<Thread> writers = new ArrayList<>();
    private volatile String phase = "steady";
    private volatile boolean writing = true;
    /** Set shortly before PostgreSQL's crash: the eraser erases its customers from then on. */
    private volatile boolean erasing;

    /** A span (nanos) in which a service could not take writes as usual: killed, or its database down. */
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

    FaultWorkload(FaultRun run) {
        this.run = run;
    }

    /** Starts the writers on the demo catalogue's products. */
    void start(List<ObjectNode> demo) {
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
    }

    /** Stops the writers and waits until each has finished its last write. */
    void stop() throws InterruptedException {
        writing = false;
        for (Thread writer : writers) {
            writer.join();
        }
    }

    /** What the run is going through; every write is logged under the phase it started in. */
    String phase() {
        return phase;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    /** From now on the eraser erases its customers, one every 200 ms. */
    void startErasing() {
        erasing = true;
    }

    /** The writes so far, in the order they ended. */
    List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
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
            String expected = op.equals("DELETE")
                    ? "DISCONTINUED"
                    : product.get("price").get("amount").asText() + "|"
                            + product.get("stock").asInt() + "|"
                            + product.path("status").asText("ACTIVE");
            Write write = op.equals("DELETE")
                    ? write(
                            CATALOG,
                            sku,
                            "DELETE",
                            expected,
                            "DELETE",
                            run.url(CATALOG, "/api/products/" + sku),
                            run.merchandiser,
                            null)
                    : write(
                            CATALOG,
                            sku,
                            "PUT",
                            expected,
                            "PUT",
                            run.url(CATALOG, "/api/products/" + sku),
                            run.merchandiser,
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
            String customer = CUSTOMER_PREFIX + thread + "-" + index;
            int counter = counters.merge(customer, 1, Integer::sum);
            Write write;
            if (existing.contains(customer) && random.nextDouble() < 0.12) {
                write = write(
                        PROFILE,
                        customer,
                        "DELETE",
                        "ERASED",
                        "DELETE",
                        run.url(PROFILE, "/api/profiles/" + customer),
                        run.token(customer),
                        null);
                existing.remove(customer);
            } else {
                int sunHours = counter % 25; // differs from the customer's previous answers: every PUT is a change
                boolean consent = switch (index % 3) {
                    case 0 -> true;
                    case 1 -> counter % 2 == 0;
                    default -> false;
                };
                write = write(
                        PROFILE,
                        customer,
                        "PUT",
                        sunHours + "|" + consent,
                        "PUT",
                        run.url(PROFILE, "/api/profiles/" + customer),
                        run.token(customer),
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
        ArrayDeque<String> toErase = new ArrayDeque<>();
        for (int i = 0; i < ERASED_CUSTOMERS; i++) {
            toErase.add(ERASER_PREFIX + i);
        }
        while (writing) {
            if (!erasing) {
                int index = random.nextInt(ERASED_CUSTOMERS);
                String customer = ERASER_PREFIX + index;
                int sunHours = counters.merge(customer, 1, Integer::sum) % 25;
                boolean consent = index % 3 != 2;
                pace(write(
                        PROFILE,
                        customer,
                        "PUT",
                        sunHours + "|" + consent,
                        "PUT",
                        run.url(PROFILE, "/api/profiles/" + customer),
                        run.token(customer),
                        profileBody(index, consent ? 1 : 0, sunHours).toString()));
            } else if (!toErase.isEmpty()) {
                String customer = toErase.poll();
                Write erasure = write(
                        PROFILE,
                        customer,
                        "DELETE",
                        "ERASED",
                        "DELETE",
                        run.url(PROFILE, "/api/profiles/" + customer),
                        run.token(customer),
                        null);
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

    static ObjectNode profileBody(int index, int consent, int sunHours) {
        String[] skinTypes = {"DRY", "OILY", "COMBINATION", "NORMAL"};
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
        ObjectNode body = FaultRun.object("""
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

    Write write(
            String service,
            String key,
            String op,
            String expected,
            String method,
            String url,
            String token,
            String body) {
        String during = phase;
        long started = System.nanoTime();
        Outcome outcome;
        long version = -1;
        String detail = "";
        try {
            HttpResponse<String> response =
                    run.send(method, url, token, body == null ? null : "application/json", body);
            if (response.statusCode() / 100 == 2) {
                outcome = Outcome.ACKNOWLEDGED;
                version = FaultRun.etag(response);
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
        Write write =
                new Write(during, service, key, op, expected, outcome, version, started, System.nanoTime(), detail);
        record(write);
        return write;
    }

    void record(Write write) {
        writes.add(write);
    }

    // ---------------------------------------------------------------- outcomes

    /** Recorded by a fault: the writes to {@code service} that overlap it may have met it. */
    void downWindow(String service, Window window) {
        downWindows
                .computeIfAbsent(service, s -> Collections.synchronizedList(new ArrayList<>()))
                .add(window);
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

    /** When the earliest acknowledged write to {@code service} that started at or after {@code after} ended. */
    Optional<Long> firstAcknowledged(String service, long after) {
        synchronized (writes) {
            return writes.stream()
                    .filter(w -> w.service().equals(service)
                            && w.outcome() == Outcome.ACKNOWLEDGED
                            && w.startedNanos() >= after)
                    .map(Write::endedNanos)
                    .min(Long::compare);
        }
    }

    /** The writes by phase and outcome; a write whose outcome no down window explains is a failure of the run. */
    void reportWrites() {
        List<Write> all = List.copyOf(writes);
        System.out.println();
        System.out.printf("Writes (%d in all), by phase: acknowledged / unknown / refused / failed%n", all.size());
        System.out.printf("  %-22s %-28s %-28s%n", "phase", "catalog-service", "profile-service");
        Map<String, List<Write>> byPhase =
                all.stream().collect(Collectors.groupingBy(Write::phase, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byPhase.entrySet()) {
            System.out.printf(
                    "  %-22s %-28s %-28s%n",
                    entry.getKey(), counts(entry.getValue(), CATALOG), counts(entry.getValue(), PROFILE));
        }
        System.out.printf("  %-22s %-28s %-28s%n", "total", counts(all, CATALOG), counts(all, PROFILE));
        Map<String, Long> duringOutage = all.stream()
                .filter(w -> w.phase().startsWith("postgres") && w.outcome() != Outcome.ACKNOWLEDGED)
                .collect(Collectors.groupingBy(
                        w -> w.outcome() == Outcome.FAILED
                                ? w.detail().split(" ")[0]
                                : w.outcome().name().toLowerCase(),
                        TreeMap::new,
                        Collectors.counting()));
        List<Long> failedAfter = all.stream()
                .filter(w -> w.phase().startsWith("postgres") && w.outcome() == Outcome.FAILED)
                .map(w -> (w.endedNanos() - w.startedNanos()) / 1_000_000)
                .sorted()
                .toList();
        System.out.println("  not acknowledged while PostgreSQL was down or coming back, by answer: " + duringOutage
                + (failedAfter.isEmpty()
                        ? ""
                        : "; the error answers took " + failedAfter.get(failedAfter.size() / 2) + " ms (median), "
                                + failedAfter.get(failedAfter.size() - 1) + " ms at most"));
        for (Write write : all) {
            // a refused or broken connection is expected only from a service while it is down, an error answer
            // (5xx) only while its database is
            if (!expected(write)) {
                run.failures.add(String.format(
                        "%s %s %s during \"%s\": %s %s",
                        write.service(), write.op(), write.key(), write.phase(), write.outcome(), write.detail()));
            }
        }
    }

    private static String counts(List<Write> writes, String service) {
        Map<Outcome, Long> counts = writes.stream()
                .filter(w -> w.service().equals(service))
                .collect(Collectors.groupingBy(Write::outcome, Collectors.counting()));
        return Arrays.stream(Outcome.values())
                .map(o -> String.valueOf(counts.getOrDefault(o, 0L)))
                .collect(Collectors.joining(" / "));
    }
}
