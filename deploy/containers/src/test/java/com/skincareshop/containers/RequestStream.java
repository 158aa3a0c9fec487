package com.skincareshop.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;

/**
 * A steady stream of GET requests from a few clients, each request sent to the next of the current endpoints, as a
 * Service spreads new requests over the pods it lists: {@link #route} changes the list, as Kubernetes does when a
 * pod becomes ready or starts terminating. Every answer other than 200, and every request that got no answer, is a
 * failure.
 */
final class RequestStream implements AutoCloseable {

    private final String path;
    private final String token;
    private volatile List<String> endpoints;
    private volatile boolean running = true;
    private final AtomicLong next = new AtomicLong();
    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();

    private RequestStream(List<String> endpoints, String path, String token) {
        this.endpoints = List.copyOf(endpoints);
        this.path = path;
        this.token = token;
    }

    static RequestStream start(int clients, List<String> endpoints, String path, String token) {
        RequestStream stream = new RequestStream(endpoints, path, token);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(stream::run, "request-stream-" + i);
            client.setDaemon(true);
            stream.clients.add(client);
            client.start();
        }
        return stream;
    }

    /** Where new requests go from now on; requests already sent finish where they are. */
    void route(List<String> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    long served(String endpoint) {
        LongAdder count = served.get(endpoint);
        return count == null ? 0 : count.sum();
    }

    /** Waits until this endpoint has answered this many requests with 200 (at most two minutes). */
    void awaitServed(String endpoint, long requests) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> served(endpoint) >= requests);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    String summary() {
        long total = served.values().stream().mapToLong(LongAdder::sum).sum();
        return total + " requests answered 200 " + served + ", " + failures.size() + " failed";
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(15).toMillis());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void run() {
        // one client per thread with its own keep-alive connections, as each storefront replica has
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        while (running) {
            List<String> current = endpoints;
            String endpoint = current.get((int) (next.getAndIncrement() % current.size()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    served.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
                } else {
                    String body = response.body();
                    failures.add(endpoint + " answered " + response.statusCode() + ": "
                            + body.substring(0, Math.min(200, body.length())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(endpoint + ": " + e);
            }
        }
    }
}
