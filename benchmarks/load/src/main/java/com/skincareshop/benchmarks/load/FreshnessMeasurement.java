package com.skincareshop.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.TokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Freshness: the time from a committed change (the 2xx of the write) to its effect on
 * {@code GET /api/recommendations}, for profile changes and catalogue changes, while a steady stream of other
 * catalogue writes goes on. The packaged services run on a throw-away broker and fresh bench_* databases.
 *
 * <p>Arguments: the repository root, the number of changes of each kind (default 100).
 */
public final class FreshnessMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (KafkaBroker broker = KafkaBroker.temporary().start()) {
            List<Stack.Service> services = Stack.onFreePorts("bench_");
            try (Stack stack = new Stack(root, root.resolve("benchmarks/load/target/freshness-logs"), broker, services)
                    .provisionDatabases(true)
                    .start()
                    .awaitReady(Duration.ofSeconds(180))) {
                run(
                        root,
                        services.get(0).url(),
                        services.get(1).url(),
                        services.get(2).url(),
                        stack.tokens(),
                        changes);
            }
        }
    }

    private static void run(
            Path root, String catalog, String profiles, String recommendations, TokenIssuer tokens, int changes)
            throws Exception {
        String merchandiser = tokens.merchandiser();
        send(
                "POST",
                catalog + "/api/products/import",
                merchandiser,
                "application/x-ndjson",
                Files.readString(root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson")));
        String customer = "c-fresh-1";
        String customerToken = tokens.customer(customer);
        ObjectNode profile = (ObjectNode) JSON.readTree("""
                {"questionnaireVersion":1,"locale":"en","answers":{"skinType":"OILY","sensitive":false,"ageBand":"35_44",
                 "concerns":["ENLARGED_PORES"],"sunExposureHours":1,"pregnantOrBreastfeeding":false,
                 "areas":["FACE"],"marketingConsent":false}}""");
        send("PUT", profiles + "/api/profiles/" + customer, customerToken, "application/json", profile.toString());
        await(
                recommendations,
                customer,
                customerToken,
                r -> r.path("profileVersion").asLong() == 1,
                30_000);

        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicLong background = new AtomicLong();
        Thread stream =
                new Thread(() -> backgroundWrites(catalog, merchandiser, streaming, background), "background-writes");
        stream.start();

        List<Long> profileMillis = new ArrayList<>();
        List<Long> catalogMillis = new ArrayList<>();
        try {
            for (int i = 0; i < changes; i++) {
                // a profile change: sun exposure alternates, the version moves
                ((ObjectNode) profile.get("answers")).put("sunExposureHours", i % 2 == 0 ? 6 : 1);
                JsonNode saved = JSON.readTree(send(
                        "PUT",
                        profiles + "/api/profiles/" + customer,
                        customerToken,
                        "application/json",
                        profile.toString()));
                long version = saved.get("version").asLong();
                long committed = System.nanoTime();
                await(
                        recommendations,
                        customer,
                        customerToken,
                        r -> r.path("profileVersion").asLong() >= version,
                        10_000);
                profileMillis.add((System.nanoTime() - committed) / 1_000_000);

                // a catalogue change: the price of the cleanser in the routine
                JsonNode routine = routine(recommendations, customer, customerToken);
                String sku =
                        routine.path("am").get(0).path("product").path("sku").asText();
                ObjectNode product =
                        (ObjectNode) JSON.readTree(send("GET", catalog + "/api/products/" + sku, null, null, null));
                String price = String.format("%d.%02d", 5 + i % 20, i % 100);
                ((ObjectNode) product.get("price")).put("amount", price);
                send("PUT", catalog + "/api/products/" + sku, merchandiser, "application/json", product.toString());
                long priceCommitted = System.nanoTime();
                await(
                        recommendations,
                        customer,
                        customerToken,
                        r -> price.equals(r.path("am")
                                        .get(0)
                                        .path("product")
                                        .path("price")
                                        .path("amount")
                                        .asText())
                                || !sku.equals(r.path("am")
                                        .get(0)
                                        .path("product")
                                        .path("sku")
                                        .asText()),
                        10_000);
                catalogMillis.add((System.nanoTime() - priceCommitted) / 1_000_000);
                Thread.sleep(50); // a steady pace, not a burst
            }
        } finally {
            streaming.set(false);
            stream.join();
        }
        System.out.printf("background catalogue writes during the run: %d%n", background.get());
        report("profile change -> routine", profileMillis);
        report("catalogue change -> routine", catalogMillis);
    }

    /** About 20 writes a second to other products: stock goes up and down. */
    private static void backgroundWrites(
            String catalog, String merchandiser, AtomicBoolean streaming, AtomicLong count) {
        try {
            JsonNode page =
                    JSON.readTree(send("GET", catalog + "/api/products?category=SERUM&size=20", null, null, null));
            int i = 0;
            while (streaming.get()) {
                ObjectNode product = (ObjectNode)
                        page.get("items").get(i % page.get("items").size()).deepCopy();
                product.put("stock", 50 + (i % 50));
                for (String field : List.of("locale", "name", "description")) {
                    product.remove(field);
                }
                send(
                        "PUT",
                        catalog + "/api/products/" + product.get("sku").asText(),
                        merchandiser,
                        "application/json",
                        product.toString());
                count.incrementAndGet();
                i++;
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException("background writes failed", e);
        }
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf(
                "%-28s n=%d  p50=%d ms  p99=%d ms  max=%d ms%n",
                what,
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                sorted.get(sorted.size() - 1));
    }

    private static JsonNode routine(String recommendations, String customer, String token) throws Exception {
        return JSON.readTree(send("GET", recommendations + "/api/recommendations/" + customer, token, null, null));
    }

    private static void await(
            String recommendations, String customer, String token, Predicate<JsonNode> visible, long timeoutMillis)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(recommendations + "/api/recommendations/" + customer))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && visible.test(JSON.readTree(response.body()))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("change not visible after " + timeoutMillis + " ms");
    }

    private static String send(String method, String url, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
