package com.skincareshop.benchmarks.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What the workload, the fault scenarios and the report of one fault run share: the running stack and its
 * infrastructure, one HTTP client with the tokens it sends, the run's log, and what it found (recovery times in
 * the order they were measured, failures).
 */
final class FaultRun {

    static final String CATALOG = "catalog-service";
    static final String PROFILE = "profile-service";
    static final String RECOMMENDATION = "recommendation-service";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Stack stack;
    final Map<String, Stack.Service> services;
    final KafkaBroker broker;
    final PrivatePostgres database;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    final String merchandiser;
    /** What took how long, printed as the run's "Recovery" table in this order. */
    final Map<String, String> recoveries = new LinkedHashMap<>();

    final List<String> failures = new ArrayList<>();
    private final Map<String, String> customerTokens = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();

    FaultRun(Stack stack, KafkaBroker broker, PrivatePostgres database) {
        this.stack = stack;
        this.broker = broker;
        this.database = database;
        this.services = stack.services().stream().collect(Collectors.toMap(Stack.Service::name, s -> s));
        this.merchandiser = stack.tokens().issue("merch-1", Set.of("merchandiser"), Duration.ofHours(3));
    }

    boolean routineShows(String customer, long version) throws Exception {
        try {
            HttpResponse<String> response =
                    send("GET", url(RECOMMENDATION, "/api/recommendations/" + customer), token(customer), null, null);
            return response.statusCode() == 200
                    && JSON.readTree(response.body()).path("profileVersion").asLong() >= version;
        } catch (IOException e) {
            return false;
        }
    }

    String token(String customer) {
        return customerTokens.computeIfAbsent(
                customer, c -> stack.tokens().issue(c, Set.of("customer"), Duration.ofHours(3)));
    }

    String url(String service, String path) {
        return services.get(service).url() + path;
    }

    HttpResponse<String> send(String method, String url, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The version an acknowledged write reports; -1 for an erasure, which has none. */
    static long etag(HttpResponse<String> response) {
        return response.headers()
                .firstValue("ETag")
                .map(tag -> Long.parseLong(tag.replaceAll("[^0-9]", "")))
                .orElse(-1L);
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void log(String message) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
