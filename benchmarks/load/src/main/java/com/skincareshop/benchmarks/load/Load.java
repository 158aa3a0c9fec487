package com.skincareshop.benchmarks.load;

import com.skincareshop.platform.stack.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * The HTTP plumbing of the load tools (HttpMeasurement, MixedLoad): one client, an open-loop driver at a fixed
 * rate, and per-kind tallies of outcomes and latencies printed as one table.
 *
 * <p>Latency is measured from the moment a request was <em>due</em>, not from when it left: if the generator or
 * the server falls behind, the waiting counts (no coordinated omission).
 */
final class Load {

    /** HTTP/1.1 as wrk speaks it; no h2c upgrade attempt on the first request of each connection. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private Load() {}

    static HttpRequest request(String method, String url, String token, String contentType, String body) {
        return request(method, url, token, contentType, body, Map.of());
    }

    static HttpRequest request(
            String method, String url, String token, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return request.build();
    }

    /** A set-up call: anything but a 2xx stops the tool, with the answer. */
    static HttpResponse<String> call(String method, String url, String token, String contentType, String body)
            throws Exception {
        return call(method, url, token, contentType, body, REQUEST_TIMEOUT);
    }

    static HttpResponse<String> call(
            String method, String url, String token, String contentType, String body, Duration timeout)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(request(method, url, token, contentType, body), (n, v) -> true)
                .timeout(timeout)
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** One Prometheus sample of {@code /q/metrics} (the first series of that name), or empty. */
    static Optional<Double> metric(String serviceUrl, String name) {
        try {
            String body = HTTP.send(
                            HttpRequest.newBuilder(URI.create(Stack.managementUrlOf(serviceUrl) + "/q/metrics"))
                                    .timeout(REQUEST_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Optional.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** utime + stime of a process, in clock ticks (/proc/[pid]/stat fields 14 and 15; 100 ticks a second on Linux). */
    /**
     * CPU ticks (1/100 s) used so far by every PostgreSQL server process on this machine (the postmaster, the
     * connections' backends, the WAL writer, the checkpointer...): a benchmark's share is the difference over its run,
     * as long as the connections stay open (the services pool theirs) and nothing else uses the server meanwhile.
     */
    static long postgresCpuTicks() {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).strip().equals("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> cpuTicks(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0; // the process is gone: its exit is reported elsewhere
        }
    }

    /**
     * Calls {@code operation} at {@code rate} per second for {@code duration}, each time with the nanoTime at which
     * it was due; the operation must not block (it returns the future of its requests). Waits for every operation to
     * end. At most {@code maxInFlight} operations run at once: a server that cannot keep up would otherwise get an
     * unbounded pile of connections; operations over the cap are counted in {@code shed} instead of being sent.
     */
    static Driven drive(double rate, Duration duration, int maxInFlight, LongFunction<CompletableFuture<?>> operation)
            throws InterruptedException {
        long period = Math.round(1e9 / rate);
        long total = Math.round(rate * duration.toNanos() / 1e9);
        AtomicInteger inFlight = new AtomicInteger();
        List<CompletableFuture<?>> running = Collections.synchronizedList(new ArrayList<>());
        long shed = 0;
        long lateSends = 0;
        long start = System.nanoTime() + 10_000_000;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - due > 10_000_000) {
                lateSends++; // the generator itself was more than 10 ms late (the time still counts in the latency)
            }
            if (inFlight.get() >= maxInFlight) {
                shed++;
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<?> future;
            try {
                future = operation.apply(due);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<?> done = future.handle((result, error) -> inFlight.decrementAndGet());
            running.add(done);
            if (running.size() > 10_000) {
                running.removeIf(CompletableFuture::isDone);
            }
        }
        long sentUntil = System.nanoTime();
        List<CompletableFuture<?>> pending;
        synchronized (running) {
            pending = new ArrayList<>(running);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("operations did not finish", e);
        }
        return new Driven(total, shed, lateSends, (sentUntil - start) / 1e9);
    }

    /** What the driver did: operations due, those shed at the in-flight cap, those it started late, seconds. */
    record Driven(long due, long shed, long lateStarts, double seconds) {}

    /** Outcomes of one kind of request. */
    static final class Tally {
        final String kind;
        final LongAdder sent = new LongAdder();
        final LongAdder ok = new LongAdder(); // 2xx
        final LongAdder clientErrors = new LongAdder(); // 4xx (none is expected: the tools design them out)
        final LongAdder serverErrors = new LongAdder(); // 5xx
        final LongAdder otherStatus = new LongAdder(); // 1xx, 3xx
        final LongAdder connectionErrors = new LongAdder(); // refused, reset, timed out
        final LongAdder wrongContent = new LongAdder(); // a 2xx whose body the tool found wrong
        private final List<Long> micros = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();

        Tally(String kind) {
            this.kind = kind;
        }

        /**
         * Sends asynchronously and records the outcome, with the latency counted from {@code since} (the nanoTime
         * the request was due). The future holds the response, or empty after a connection error.
         */
        CompletableFuture<Optional<HttpResponse<String>>> send(HttpRequest request, long since) {
            sent.increment();
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                long elapsed = (System.nanoTime() - since) / 1_000;
                synchronized (this) {
                    micros.add(elapsed);
                }
                if (error != null) {
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    connectionErrors.increment();
                    fail(request.method() + " " + request.uri().getPath() + ": "
                            + (cause instanceof HttpTimeoutException
                                    ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                                    : cause.toString()));
                    return Optional.empty();
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    ok.increment();
                } else if (status >= 400 && status < 500) {
                    clientErrors.increment();
                    fail(request.method() + " " + request.uri().getPath() + " -> " + status + " "
                            + abbreviate(response.body()));
                } else if (status >= 500) {
                    serverErrors.increment();
                    fail(request.method() + " " + request.uri().getPath() + " -> " + status + " "
                            + abbreviate(response.body()));
                } else {
                    otherStatus.increment();
                }
                return Optional.of(response);
            });
        }

        /** A 2xx whose content is wrong (e.g. a routine for another customer): an error the status does not show. */
        void wrongContent(String what) {
            wrongContent.increment();
            fail(what);
        }

        private synchronized void fail(String what) {
            if (failures.size() < 5) {
                failures.add(what);
            }
        }

        long errors() {
            return clientErrors.sum()
                    + serverErrors.sum()
                    + otherStatus.sum()
                    + connectionErrors.sum()
                    + wrongContent.sum();
        }

        synchronized List<Long> sortedMicros() {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            return sorted;
        }

        synchronized List<String> failures() {
            return List.copyOf(failures);
        }

        /** The q-quantile in milliseconds (nearest rank), or NaN with no sample. */
        double quantileMillis(double q) {
            List<Long> sorted = sortedMicros();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1000.0;
        }

        private static String abbreviate(String body) {
            String flat = body == null ? "" : body.replaceAll("\\s+", " ");
            return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
        }
    }

    /** The tallies of one run, by kind, in the order kinds were first used. */
    static final class Tallies {
        private final Map<String, Tally> byKind = new LinkedHashMap<>();

        synchronized Tally of(String kind) {
            return byKind.computeIfAbsent(kind, Tally::new);
        }

        synchronized List<Tally> all() {
            return List.copyOf(byKind.values());
        }

        long errors() {
            return all().stream().mapToLong(Tally::errors).sum();
        }

        /** The summary table; {@code seconds} turns counts into rates. */
        void print(double seconds) {
            System.out.printf(
                    "%-34s %7s %7s %6s %6s %6s %6s %6s %6s %9s %9s %9s %9s%n",
                    "kind", "sent", "req/s", "2xx", "4xx", "5xx", "other", "conn", "bad", "p50 ms", "p90 ms", "p99 ms",
                    "max ms");
            long sent = 0;
            long ok = 0;
            long client = 0;
            long server = 0;
            long other = 0;
            long connection = 0;
            long bad = 0;
            for (Tally t : all()) {
                System.out.printf(
                        "%-34s %7d %7.1f %6d %6d %6d %6d %6d %6d %9.1f %9.1f %9.1f %9.1f%n",
                        t.kind,
                        t.sent.sum(),
                        t.sent.sum() / seconds,
                        t.ok.sum(),
                        t.clientErrors.sum(),
                        t.serverErrors.sum(),
                        t.otherStatus.sum(),
                        t.connectionErrors.sum(),
                        t.wrongContent.sum(),
                        t.quantileMillis(0.5),
                        t.quantileMillis(0.9),
                        t.quantileMillis(0.99),
                        t.quantileMillis(1.0));
                sent += t.sent.sum();
                ok += t.ok.sum();
                client += t.clientErrors.sum();
                server += t.serverErrors.sum();
                other += t.otherStatus.sum();
                connection += t.connectionErrors.sum();
                bad += t.wrongContent.sum();
            }
            System.out.printf(
                    "%-34s %7d %7.1f %6d %6d %6d %6d %6d %6d%n",
                    "total", sent, sent / seconds, ok, client, server, other, connection, bad);
            System.out.println("(4xx, 5xx, other = answers by status; conn = refused/reset/no answer in "
                    + REQUEST_TIMEOUT.toSeconds()
                    + " s; bad = a 2xx with wrong content; latency from the time each request was due)");
            for (Tally t : all()) {
                t.failures().forEach(f -> System.out.println("  " + t.kind + ": " + f));
            }
        }
    }
}
