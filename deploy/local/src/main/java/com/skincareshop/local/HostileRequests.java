package com.skincareshop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.platform.testing.DevTokens;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A generated corpus of malformed and hostile requests against the running services:
 * broken JSON, wrong types, unknown codes, injection strings, control characters, huge and deeply nested bodies,
 * wrong content types, missing, garbage, expired and forged tokens, wrong roles. Every request is invalid by
 * construction. Passes when no answer is a 5xx, every 4xx is problem+json, and the stored data is unchanged.
 *
 * <p>Arguments: {@code <catalog url> <profile url> <recommendation url> [requests per service] [seed]}.
 */
public final class HostileRequests {

    static final List<String> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE product; --", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1/a}", "../../../../etc/passwd", "%00", "\u0000",
            "\u202Eevil", "{{7*7}}", "' UNION SELECT * FROM pg_user --", "\\\\x00", "A".repeat(5000));

    public record Outcome(int requests, int serverErrors, int notProblemJson, List<String> failures, Map<Integer, Integer> byStatus,
                          boolean dataUnchanged) {
        public boolean passed() {
            return serverErrors == 0 && notProblemJson == 0 && dataUnchanged;
        }
    }

    private record Probe(String service, String description, HttpRequest request) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String catalog;
    private final String profiles;
    private final String recommendations;
    private final Random random;
    private final String forgedToken;

    public HostileRequests(String catalog, String profiles, String recommendations, long seed) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.recommendations = recommendations;
        this.random = new Random(seed);
        this.forgedToken = forge();
    }

    public static void main(String[] args) throws Exception {
        String catalog = args.length > 0 ? args[0] : "http://localhost:8081";
        String profiles = args.length > 1 ? args[1] : "http://localhost:8082";
        String recommendations = args.length > 2 ? args[2] : "http://localhost:8083";
        int perService = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 7;
        Outcome outcome = new HostileRequests(catalog, profiles, recommendations, seed).run(perService);
        System.out.println(outcome.requests() + " hostile requests; answers by status: " + outcome.byStatus());
        System.out.println("5xx: " + outcome.serverErrors() + ", 4xx not problem+json: " + outcome.notProblemJson()
                + ", stored data unchanged: " + outcome.dataUnchanged());
        outcome.failures().stream().limit(20).forEach(f -> System.out.println("  " + f));
        System.exit(outcome.passed() ? 0 : 1);
    }

    public Outcome run(int perService) throws Exception {
        String before = snapshot();
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < perService; i++) {
            probes.add(catalogProbe(i));
            probes.add(profileProbe(i));
            probes.add(recommendationProbe(i));
        }
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int serverErrors = 0;
        int notProblem = 0;
        for (Probe probe : probes) {
            HttpResponse<String> response = http.send(probe.request(), HttpResponse.BodyHandlers.ofString());
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            String type = response.headers().firstValue("content-type").orElse("");
            if (response.statusCode() >= 500) {
                serverErrors++;
                failures.add(response.statusCode() + " " + probe.service() + ": " + probe.description());
            } else if (response.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
                notProblem++;
                failures.add(response.statusCode() + " not problem+json (" + type + ") " + probe.service() + ": " + probe.description());
            }
        }
        boolean unchanged = before.equals(snapshot());
        if (!unchanged) {
            failures.add("stored data changed");
        }
        return new Outcome(probes.size(), serverErrors, notProblem, failures, byStatus, unchanged);
    }

    // ---- catalog-service -------------------------------------------------------------------------------

    private Probe catalogProbe(int i) throws Exception {
        String sku = "HOSTILE-" + i;
        return switch (i % 10) {
            case 0 -> put("catalog", catalog + "/api/products/" + sku, "truncated product", merchandiser(), truncate(product()));
            case 1 -> put("catalog", catalog + "/api/products/" + sku, "product with a wrong type", merchandiser(),
                    withField(product(), pick("category", "timeOfDay", "format", "size", "price", "ingredients", "skinTypes"),
                            wrongValue()));
            case 2 -> put("catalog", catalog + "/api/products/" + sku, "product with an injected code", merchandiser(),
                    withField(product(), pick("category", "timeOfDay", "format"), injection()));
            case 3 -> put("catalog", catalog + "/api/products/" + encode(injection()), "injected sku", merchandiser(), product().toString());
            case 4 -> put("catalog", catalog + "/api/products/" + sku, "control characters in a name", merchandiser(),
                    withField(product(), "brand", "Lumen\u0000" + injection()));
            case 5 -> put("catalog", catalog + "/api/products/" + sku, "no or bad token", badToken(i), product().toString());
            case 6 -> get("catalog", catalog + "/api/products?" + pick("category", "concern", "skinType", "status", "size", "page")
                    + "=" + encode(injection()), "injected query parameter", null);
            case 7 -> send("catalog", "PUT", catalog + "/api/products/" + sku, "wrong content type", merchandiser(),
                    pick("text/plain", "application/xml", "application/x-www-form-urlencoded"), product().toString());
            case 8 -> send("catalog", "POST", catalog + "/api/products/import", "import without lines or as XML", merchandiser(),
                    pick("application/x-ndjson", "application/xml"), pick("", "\n\n", "<products/>"));
            default -> put("catalog", catalog + "/api/products/" + sku, "huge or deeply nested body", merchandiser(), monster());
        };
    }

    // ---- profile-service -------------------------------------------------------------------------------

    private Probe profileProbe(int i) throws Exception {
        String customer = "c-hostile-" + i;
        return switch (i % 8) {
            case 0 -> put("profile", profiles + "/api/profiles/" + customer, "truncated answers", DevTokens.customer(customer),
                    truncate(profileBody()));
            case 1 -> put("profile", profiles + "/api/profiles/" + customer, "an answer with a wrong type", DevTokens.customer(customer),
                    withAnswer(pick("skinType", "ageBand", "concerns", "areas", "budget"), wrongValue()).toString());
            case 2 -> put("profile", profiles + "/api/profiles/" + customer, "an injected answer", DevTokens.customer(customer),
                    withAnswer(pick("skinType", "ageBand", "avoidIngredients"), pickInjectionShape()).toString());
            case 3 -> put("profile", profiles + "/api/profiles/" + encode(injection()), "injected customer id", DevTokens.storefront(),
                    profileBody().toString());
            case 4 -> put("profile", profiles + "/api/profiles/" + customer, "another customer's token",
                    DevTokens.customer("c-someone-else"), profileBody().toString());
            case 5 -> put("profile", profiles + "/api/profiles/" + customer, "no or bad token", badToken(i), profileBody().toString());
            case 6 -> send("profile", pick("GET", "DELETE"), profiles + "/api/profiles/" + customer, "read or erase without the right",
                    pick(DevTokens.merchandiser(), forgedToken, "garbage"), null, null);
            default -> put("profile", profiles + "/api/profiles/" + customer, "huge or deeply nested body",
                    DevTokens.customer(customer), monster());
        };
    }

    // ---- recommendation-service ------------------------------------------------------------------------

    private Probe recommendationProbe(int i) throws Exception {
        return switch (i % 6) {
            case 0 -> post("recommendation", recommendations + "/api/recommendations/preview", "truncated preview",
                    DevTokens.storefront(), truncate((ObjectNode) json.createObjectNode().set("answers", answers())));
            case 1 -> post("recommendation", recommendations + "/api/recommendations/preview", "preview with a wrong answer",
                    DevTokens.storefront(), "{\"answers\":" + withAnswer(pick("skinType", "concerns", "budget"),
                            wrongValue()).get("answers") + "}");
            case 2 -> get("recommendation", recommendations + "/api/recommendations/" + encode(injection()), "injected customer id",
                    DevTokens.storefront());
            case 3 -> get("recommendation", recommendations + "/api/recommendations/c-hostile-" + i, "no, bad or someone else's token",
                    pick(DevTokens.customer("c-someone-else"), forgedToken, DevTokens.expiredMerchandiser(), "garbage"));
            case 4 -> post("recommendation", recommendations + "/api/recommendations/preview", "preview as a customer",
                    DevTokens.customer("c-hostile"), "{\"answers\":" + answers() + "}");
            default -> post("recommendation", recommendations + "/api/recommendations/preview", "huge or deeply nested body",
                    DevTokens.storefront(), monster());
        };
    }

    // ---- bodies ----------------------------------------------------------------------------------------

    private ObjectNode product() throws Exception {
        return (ObjectNode) json.readTree("""
                {"category":"SERUM","brand":"Hostile","names":{"en":"Probe"},"descriptions":{"en":"Probe."},
                 "ingredients":[{"inci":"Aqua"},{"inci":"Niacinamide","percent":5}],"concerns":["DARK_SPOTS"],
                 "skinTypes":["NORMAL"],"areas":["FACE"],"timeOfDay":"ANY","format":"BOTTLE",
                 "size":{"amount":30,"unit":"ML"},"price":{"amount":"10.00","currency":"EUR"},"stock":1}""");
    }

    private ObjectNode answers() throws Exception {
        return (ObjectNode) json.readTree("""
                {"skinType":"OILY","sensitive":false,"ageBand":"35_44","concerns":["ENLARGED_PORES"],"sunExposureHours":5,
                 "pregnantOrBreastfeeding":false,"avoidIngredients":["Fragrance"],"areas":["FACE"],
                 "budget":{"amount":"120.00","currency":"EUR"},"marketingConsent":true}""");
    }

    private ObjectNode profileBody() throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("questionnaireVersion", 1);
        body.put("locale", "lv");
        body.set("answers", answers());
        return body;
    }

    private ObjectNode withAnswer(String field, JsonNode value) throws Exception {
        ObjectNode body = profileBody();
        ((ObjectNode) body.get("answers")).set(field, value);
        return body;
    }

    private String withField(ObjectNode body, String field, Object value) {
        if (value instanceof JsonNode node) {
            body.set(field, node);
        } else {
            body.put(field, String.valueOf(value));
        }
        return body.toString();
    }

    /**
     * A value of a type the field never accepts. Strings are not among them (some fields would coerce them), nor
     * are fields a number or boolean could be valid for (stock, sunExposureHours, sensitive...).
     */
    private JsonNode wrongValue() {
        return switch (random.nextInt(5)) {
            case 0 -> json.getNodeFactory().numberNode(random.nextInt(1000) - 500);
            case 1 -> json.getNodeFactory().booleanNode(true);
            case 2 -> json.createArrayNode().add(json.createObjectNode());
            case 3 -> json.getNodeFactory().numberNode(new java.math.BigDecimal("1e999999"));
            default -> json.createObjectNode().put("$where", "1==1");
        };
    }

    private JsonNode pickInjectionShape() {
        ArrayNode list = json.createArrayNode();
        list.add(injection() + "\u0000"); // some injections alone are valid ingredient names ("../etc")
        return random.nextBoolean() ? json.getNodeFactory().textNode(injection()) : list;
    }

    private String truncate(ObjectNode body) {
        String text = body.toString();
        return text.substring(0, 1 + random.nextInt(text.length() - 1));
    }

    private String monster() {
        return switch (random.nextInt(3)) {
            case 0 -> "[".repeat(5000) + "]".repeat(5000);
            case 1 -> "{\"answers\":\"" + "x".repeat(100_000) + "\"}";
            default -> "{\"brand\":" + "1".repeat(50_000) + "}";
        };
    }

    private String injection() {
        return INJECTIONS.get(random.nextInt(INJECTIONS.size()));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private String badToken(int i) {
        return switch (i % 4) {
            case 0 -> null;
            case 1 -> "garbage.token.value";
            case 2 -> DevTokens.expiredMerchandiser();
            default -> forgedToken;
        };
    }

    private static String merchandiser() {
        return DevTokens.merchandiser();
    }

    /** Right claims, wrong signing key. */
    private static String forge() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return io.smallrye.jwt.build.Jwt.issuer(DevTokens.ISSUER).subject("attacker")
                    .groups(Set.of("merchandiser", "storefront", "support")).expiresIn(Duration.ofHours(1))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- requests and the data they must not change ----------------------------------------------------

    private Probe put(String service, String url, String description, String token, String body) {
        return send(service, "PUT", url, description, token, "application/json", body);
    }

    private Probe post(String service, String url, String description, String token, String body) {
        return send(service, "POST", url, description, token, "application/json", body);
    }

    private Probe get(String service, String url, String description, String token) {
        return send(service, "GET", url, description, token, null, null);
    }

    private Probe send(String service, String method, String url, String description, String token, String contentType,
                       String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return new Probe(service, method + " " + url.replaceAll("https?://[^/]+", "") + ": " + description, request.build());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What is stored, seen through the APIs: every product (both statuses) and the hostile customers' profiles. */
    private String snapshot() throws Exception {
        StringBuilder state = new StringBuilder();
        for (String status : List.of("ACTIVE", "DISCONTINUED")) {
            for (int page = 0; ; page++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(catalog + "/api/products?size=100&status="
                        + status + "&page=" + page)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode items = json.readTree(response.body()).get("items");
                items.forEach(item -> state.append(item.get("sku").asText()).append('@').append(item.get("version").asText()).append(' '));
                if (items.size() < 100) {
                    break;
                }
            }
        }
        for (int i = 0; i < 10; i++) {
            String customer = "c-hostile-" + i;
            state.append(customer).append('=').append(http.send(HttpRequest.newBuilder(URI.create(profiles + "/api/profiles/" + customer))
                    .header("Authorization", "Bearer " + DevTokens.support()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).append(' ');
        }
        return state.toString();
    }
}
