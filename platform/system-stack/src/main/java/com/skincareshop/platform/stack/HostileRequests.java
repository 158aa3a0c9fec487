package com.skincareshop.platform.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.platform.testing.StreamedBodies;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A generated corpus of malformed and hostile requests against the running services:
 * broken JSON, wrong types, unknown codes, injection strings, control characters, huge and deeply nested bodies,
 * chunked bodies past every limit (some endless), arrays of thousands of elements, non-finite and huge-exponent
 * numbers, duplicated keys, wrong content types, missing, garbage, expired and forged tokens, wrong roles. Every
 * request is invalid by construction. Passes when no answer is a 5xx, every 4xx is a problem+json of at most
 * {@link #MAX_PROBLEM_BYTES}, every answer comes within {@link #ANSWER_WITHIN}, no service's resident memory grows
 * by more than {@link #MAX_RSS_GROWTH_MIB} MiB over its value at the start, and the stored data is unchanged.
 *
 * <p>A body sent past its endpoint's limit by more than the service drains (1 MiB) may see its connection closed
 * once the 413 is written, before the client read it: such a probe counts as closed, not failed; any other probe
 * whose connection fails is a failure.
 *
 * <p>The system tests send a small run of it; the measurement (benchmarks/load, HostileRequestsMeasurement) a
 * large one, twice, watching the services' memory.
 */
public final class HostileRequests {

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE product; --",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "${jndi:ldap://127.0.0.1/a}",
            "../../../../etc/passwd",
            "%00",
            "\u0000",
            "\u202Eevil",
            "{{7*7}}",
            "' UNION SELECT * FROM pg_user --",
            "\\\\x00",
            "A".repeat(5000));
    /** Numbers no field accepts: beyond a double, beyond any sensible scale, not JSON numbers at all, too long. */
    static final List<String> ABSURD_NUMBERS = List.of(
            "1e400",
            "-1e400",
            "1e-10000000",
            "1E+2147483647",
            "1e999999999",
            "NaN",
            "Infinity",
            "-Infinity",
            "9".repeat(1_000),
            "0.".concat("0".repeat(500)).concat("1"));

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    /** The services' limits (skincare.http.body-limit.*) and how much more of a refused body they drain. */
    static final long ANSWERS_LIMIT = 16 << 10;

    static final long PRODUCT_LIMIT = 64 << 10;
    static final long IMPORT_LIMIT = 16 << 20;
    static final long DRAIN = 1 << 20;
    /** A body far longer than any limit: the client would send it for minutes. */
    static final long ENDLESS = 8L << 30;
    /** Stands for a number no JSON writer writes; {@link #raw} puts the number in its place. */
    private static final String RAW = "@number@";

    static final int MAX_PROBLEM_BYTES = 16 * 1024;
    static final long MAX_RSS_GROWTH_MIB = 100;

    /** The answers of one service: counts by status, connections closed after a body past the drain, the slowest. */
    public static final class Tally {
        final Map<Integer, Integer> byStatus = new TreeMap<>();
        int requests;
        int closed;
        long slowestMillis;
        int largestProblemBytes;

        public Map<Integer, Integer> byStatus() {
            return byStatus;
        }

        public int requests() {
            return requests;
        }

        public int closed() {
            return closed;
        }

        public long slowestMillis() {
            return slowestMillis;
        }

        public int largestProblemBytes() {
            return largestProblemBytes;
        }

        void record(int status, long millis, int problemBytes) {
            requests++;
            byStatus.merge(status, 1, Integer::sum);
            slowestMillis = Math.max(slowestMillis, millis);
            largestProblemBytes = Math.max(largestProblemBytes, problemBytes);
        }
    }

    public record Outcome(
            int requests,
            int serverErrors,
            int notProblemJson,
            List<String> failures,
            Map<Integer, Integer> byStatus,
            boolean dataUnchanged,
            Map<String, Tally> byService,
            Map<String, long[]> rssMib) {
        public boolean passed() {
            return serverErrors == 0 && notProblemJson == 0 && dataUnchanged && failures.isEmpty();
        }
    }

    /** {@code mayClose}: sent so far past the limit that the service may close the connection before the client reads. */
    private record Probe(String service, String description, HttpRequest request, boolean chunked, boolean mayClose) {}

    private final ObjectMapper json = new ObjectMapper();
    /** Upgrades to HTTP/2 where the service offers it (h2c), as the corpus always ran. */
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** For chunked bodies: chunked transfer encoding is HTTP/1.1's. */
    private final HttpClient http11 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String catalog;
    private final String profiles;
    private final String recommendations;
    private final Random random;
    private final TokenIssuer tokens;
    private final String forgedToken;
    private final Map<String, Long> servicePids;

    /**
     * {@code tokens}: the identity provider the services verify tokens with; {@code servicePids}: the processes
     * whose resident memory is watched, by service name (none: not watched).
     */
    public HostileRequests(
            String catalog,
            String profiles,
            String recommendations,
            TokenIssuer tokens,
            long seed,
            Map<String, Long> servicePids) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.recommendations = recommendations;
        this.tokens = tokens;
        this.random = new Random(seed);
        this.forgedToken = forge(tokens);
        this.servicePids = Map.copyOf(servicePids);
    }

    /** The resident memory (VmRSS) of a process in MiB, 0 once it is gone. */
    public static long residentMemoryMib(long pid) {
        return ResidentMemory.rssMib(pid);
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
        Map<String, Tally> byService = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int serverErrors = 0;
        int notProblem = 0;
        int sent = 0;
        try (ResidentMemory memory = new ResidentMemory(servicePids)) {
            for (Probe probe : probes) {
                Tally tally = byService.computeIfAbsent(probe.service(), s -> new Tally());
                sent++;
                long start = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = (probe.chunked() ? http11 : http)
                            .send(probe.request(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    tally.requests++;
                    tally.slowestMillis = Math.max(tally.slowestMillis, millis);
                    if (probe.mayClose()) {
                        tally.closed++;
                    } else {
                        failures.add("no answer (" + e + ") " + probe.service() + ": " + probe.description());
                    }
                    continue;
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                int status = response.statusCode();
                String type = response.headers().firstValue("content-type").orElse("");
                int bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
                tally.record(status, millis, status >= 400 ? bytes : 0);
                byStatus.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors++;
                    failures.add(status + " " + probe.service() + ": " + probe.description());
                } else if (status >= 400 && !type.startsWith("application/problem+json")) {
                    notProblem++;
                    failures.add(status + " not problem+json (" + type + ") " + probe.service() + ": "
                            + probe.description());
                } else if (status >= 400 && bytes > MAX_PROBLEM_BYTES) {
                    failures.add(status + " with a problem of " + bytes + " bytes " + probe.service() + ": "
                            + probe.description());
                }
                if (millis > ANSWER_WITHIN.toMillis()) {
                    failures.add("answered in " + millis + " ms " + probe.service() + ": " + probe.description());
                }
            }
            memory.grownPast(MAX_RSS_GROWTH_MIB).forEach(failures::add);
            boolean unchanged = before.equals(snapshot());
            if (!unchanged) {
                failures.add("stored data changed");
            }
            return new Outcome(
                    sent, serverErrors, notProblem, failures, byStatus, unchanged, byService, memory.startAndMax());
        }
    }

    /** The resident memory (VmRSS) of each watched process, sampled every 100 ms while the corpus runs. */
    private static final class ResidentMemory implements AutoCloseable {
        private final Map<String, Long> pids;
        private final Map<String, long[]> startAndMax = new ConcurrentHashMap<>();
        private final Thread sampler;
        private volatile boolean running = true;

        ResidentMemory(Map<String, Long> pids) {
            this.pids = pids;
            pids.forEach((service, pid) -> {
                long now = rssMib(pid);
                startAndMax.put(service, new long[] {now, now});
            });
            sampler = new Thread(
                    () -> {
                        while (running) {
                            pids.forEach((service, pid) -> {
                                long[] values = startAndMax.get(service);
                                values[1] = Math.max(values[1], rssMib(pid));
                            });
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        List<String> grownPast(long mib) {
            List<String> grown = new ArrayList<>();
            startAndMax().forEach((service, values) -> {
                if (values[1] - values[0] > mib) {
                    grown.add(service + ": resident memory grew from " + values[0] + " to " + values[1] + " MiB");
                }
            });
            return grown;
        }

        Map<String, long[]> startAndMax() {
            Map<String, long[]> copy = new LinkedHashMap<>();
            pids.keySet()
                    .forEach(service ->
                            copy.put(service, startAndMax.get(service).clone()));
            return copy;
        }

        private static long rssMib(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException e) {
                // the process is gone: its exit is reported elsewhere
            }
            return 0;
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
        }
    }

    // ---- catalog-service -------------------------------------------------------------------------------

    private Probe catalogProbe(int i) throws Exception {
        String sku = "HOSTILE-" + i;
        return switch (i % 16) {
            case 0 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "truncated product",
                        merchandiser(),
                        truncate(product()));
            case 1 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "product with a wrong type",
                        merchandiser(),
                        withField(
                                product(),
                                pick("category", "timeOfDay", "format", "size", "price", "ingredients", "skinTypes"),
                                wrongValue()));
            case 2 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "product with an injected code",
                        merchandiser(),
                        withField(product(), pick("category", "timeOfDay", "format"), injection()));
            case 3 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + encode(injection()),
                        "injected sku",
                        merchandiser(),
                        product().toString());
            case 4 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "control characters in a name",
                        merchandiser(),
                        withField(product(), "brand", "Lumen\u0000" + injection()));
            case 5 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "no or bad token",
                        badToken(i),
                        product().toString());
            case 6 ->
                get(
                        "catalog",
                        catalog + "/api/products?" + pick("category", "concern", "skinType", "status", "size", "page")
                                + "=" + encode(injection()),
                        "injected query parameter",
                        null);
            case 7 ->
                send(
                        "catalog",
                        "PUT",
                        catalog + "/api/products/" + sku,
                        "wrong content type",
                        merchandiser(),
                        pick("text/plain", "application/xml", "application/x-www-form-urlencoded"),
                        product().toString());
            case 8 ->
                send(
                        "catalog",
                        "POST",
                        catalog + "/api/products/import",
                        "import without lines or as XML",
                        merchandiser(),
                        pick("application/x-ndjson", "application/xml"),
                        pick("", "\n\n", "<products/>"));
            case 9 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "huge or deeply nested body",
                        merchandiser(),
                        monster());
            case 10 ->
                chunked(
                        "catalog",
                        "PUT",
                        catalog + "/api/products/" + sku,
                        "chunked product past the limit",
                        merchandiser(),
                        "application/json",
                        "{\"category\":\"SERUM\",\"ingredients\":[{\"inci\":\"Aqua\"}",
                        ",{\"inci\":\"Aqua\"}",
                        pick(100_000L, 900_000L, ENDLESS),
                        "]}",
                        PRODUCT_LIMIT);
            case 11 ->
                chunked(
                        "catalog",
                        "POST",
                        catalog + "/api/products/import",
                        // the import stores lines as they come: its lines are not JSON, so that the body is invalid
                        // by construction and each line is refused at its first byte; what it tests is the limit
                        // and the endless body
                        "chunked import of bad lines past the limit",
                        merchandiser(),
                        "application/x-ndjson",
                        "",
                        injection().replace("\n", " ") + " " + "x".repeat(4_000) + "\n",
                        pick(IMPORT_LIMIT + (2L << 20), ENDLESS),
                        "",
                        IMPORT_LIMIT);
            case 12 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "10,000 levels of nesting",
                        merchandiser(),
                        pick(
                                nested("[", "]", 10_000, ""),
                                "{\"ingredients\":" + nested("[", "]", 10_000, "") + "}",
                                "{\"names\":" + nested("{\"a\":", "}", 10_000, "1") + "}"));
            case 13 ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "an array of thousands",
                        merchandiser(),
                        pick(
                                withField(
                                        product(),
                                        "ingredients",
                                        json.readTree(repeatedArray("{\"inci\":\"<x>\"}", 3_000))),
                                withField(product(), "concerns", json.readTree(repeatedArray("1", 20_000))),
                                withField(product(), "skinTypes", json.readTree(repeatedArray("\"DRY\"", 30_000)))));
            case 14 -> {
                ObjectNode product = product();
                String field = pick("ingredients[1].percent", "price.amount", "size.amount", "stock", "spf");
                switch (field) {
                    case "ingredients[1].percent" ->
                        ((ObjectNode) product.get("ingredients").get(1)).put("percent", RAW);
                    case "price.amount", "size.amount" ->
                        ((ObjectNode) product.get(field.split("\\.")[0])).put("amount", RAW);
                    default -> product.put(field, RAW);
                }
                String number = pick(ABSURD_NUMBERS.toArray(String[]::new));
                yield put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        field + " = " + abbreviate(number),
                        merchandiser(),
                        raw(product, number));
            }
            default ->
                put(
                        "catalog",
                        catalog + "/api/products/" + sku,
                        "a key given twice",
                        merchandiser(),
                        "{\"brand\":\"Twice\"," + product().toString().substring(1));
        };
    }

    // ---- profile-service -------------------------------------------------------------------------------

    private Probe profileProbe(int i) throws Exception {
        String customer = "c-hostile-" + i;
        return switch (i % 13) {
            case 0 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "truncated answers",
                        tokens.customer(customer),
                        truncate(profileBody()));
            case 1 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "an answer with a wrong type",
                        tokens.customer(customer),
                        withAnswer(pick("skinType", "ageBand", "concerns", "areas", "budget"), wrongValue())
                                .toString());
            case 2 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "an injected answer",
                        tokens.customer(customer),
                        withAnswer(pick("skinType", "ageBand", "avoidIngredients"), pickInjectionShape())
                                .toString());
            case 3 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + encode(injection()),
                        "injected customer id",
                        tokens.storefront(),
                        profileBody().toString());
            case 4 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "another customer's token",
                        tokens.customer("c-someone-else"),
                        profileBody().toString());
            case 5 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "no or bad token",
                        badToken(i),
                        profileBody().toString());
            case 6 ->
                send(
                        "profile",
                        pick("GET", "DELETE"),
                        profiles + "/api/profiles/" + customer,
                        "read or erase without the right",
                        pick(tokens.merchandiser(), forgedToken, "garbage"),
                        null,
                        null);
            case 7 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "huge or deeply nested body",
                        tokens.customer(customer),
                        monster());
            case 8 ->
                chunked(
                        "profile",
                        "PUT",
                        profiles + "/api/profiles/" + customer,
                        "chunked answers past the limit",
                        tokens.customer(customer),
                        "application/json",
                        "{\"questionnaireVersion\":1,\"answers\":{\"concerns\":[1",
                        ",1",
                        pick(100_000L, 900_000L, ENDLESS),
                        "]}}",
                        ANSWERS_LIMIT);
            case 9 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "deep nesting",
                        tokens.customer(customer),
                        "{\"questionnaireVersion\":1,\"answers\":" + nested("[", "]", pick(5_000, 10_000), "") + "}");
            case 10 ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "an answer of thousands",
                        tokens.customer(customer),
                        withAnswer(
                                        pick("concerns", "avoidIngredients", "areas"),
                                        json.readTree(repeatedArray(
                                                pick("1", "\"x\"", "\"FACE\""), pick(3_000, 6_000, 100_000))))
                                .toString());
            case 11 -> {
                ObjectNode body = profileBody();
                String field = pick("answers.sunExposureHours", "answers.budget.amount", "questionnaireVersion");
                switch (field) {
                    case "answers.sunExposureHours" -> ((ObjectNode) body.get("answers")).put("sunExposureHours", RAW);
                    case "answers.budget.amount" ->
                        ((ObjectNode) body.get("answers").get("budget")).put("amount", RAW);
                    default -> body.put(field, RAW);
                }
                String number = pick(ABSURD_NUMBERS.toArray(String[]::new));
                yield put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        field + " = " + abbreviate(number),
                        tokens.customer(customer),
                        raw(body, number));
            }
            default ->
                put(
                        "profile",
                        profiles + "/api/profiles/" + customer,
                        "a key given twice",
                        tokens.customer(customer),
                        pick(
                                profileBody()
                                        .toString()
                                        .replace("\"skinType\":\"OILY\"", "\"skinType\":\"OILY\",\"skinType\":\"DRY\""),
                                "{\"answers\":{}," + profileBody().toString().substring(1)));
        };
    }

    // ---- recommendation-service ------------------------------------------------------------------------

    private Probe recommendationProbe(int i) throws Exception {
        String preview = recommendations + "/api/recommendations/preview";
        return switch (i % 11) {
            case 0 ->
                post(
                        "recommendation",
                        recommendations + "/api/recommendations/preview",
                        "truncated preview",
                        tokens.storefront(),
                        truncate((ObjectNode) json.createObjectNode().set("answers", answers())));
            case 1 ->
                post(
                        "recommendation",
                        recommendations + "/api/recommendations/preview",
                        "preview with a wrong answer",
                        tokens.storefront(),
                        "{\"answers\":"
                                + withAnswer(pick("skinType", "concerns", "budget"), wrongValue())
                                        .get("answers") + "}");
            case 2 ->
                get(
                        "recommendation",
                        recommendations + "/api/recommendations/" + encode(injection()),
                        "injected customer id",
                        tokens.storefront());
            case 3 ->
                get(
                        "recommendation",
                        recommendations + "/api/recommendations/c-hostile-" + i,
                        "no, bad or someone else's token",
                        pick(tokens.customer("c-someone-else"), forgedToken, tokens.expiredMerchandiser(), "garbage"));
            case 4 ->
                post(
                        "recommendation",
                        recommendations + "/api/recommendations/preview",
                        "preview as a customer",
                        tokens.customer("c-hostile"),
                        "{\"answers\":" + answers() + "}");
            case 5 -> post("recommendation", preview, "huge or deeply nested body", tokens.storefront(), monster());
            case 6 ->
                chunked(
                        "recommendation",
                        "POST",
                        preview,
                        "chunked preview past the limit",
                        tokens.storefront(),
                        "application/json",
                        "{\"answers\":{\"concerns\":[1",
                        ",1",
                        pick(100_000L, 900_000L, ENDLESS),
                        "]}}",
                        ANSWERS_LIMIT);
            case 7 ->
                post(
                        "recommendation",
                        preview,
                        "deep nesting",
                        tokens.storefront(),
                        "{\"answers\":" + nested("{\"a\":", "}", pick(2_000, 5_000), "1") + "}");
            case 8 ->
                post(
                        "recommendation",
                        preview,
                        "an answer of thousands",
                        tokens.storefront(),
                        "{\"answers\":"
                                + withAnswer(
                                                pick("concerns", "avoidIngredients"),
                                                json.readTree(repeatedArray("1", pick(6_000, 100_000))))
                                        .get("answers")
                                + "}");
            case 9 -> {
                ObjectNode body = json.createObjectNode().set("answers", answers());
                ((ObjectNode) body.get("answers")).put("sunExposureHours", RAW);
                String number = pick(ABSURD_NUMBERS.toArray(String[]::new));
                yield post(
                        "recommendation",
                        preview,
                        "answers.sunExposureHours = " + abbreviate(number),
                        tokens.storefront(),
                        raw(body, number));
            }
            default ->
                post(
                        "recommendation",
                        preview,
                        "a key given twice",
                        tokens.storefront(),
                        "{\"answers\":"
                                + answers()
                                        .toString()
                                        .replace("\"areas\":[\"FACE\"]", "\"areas\":[\"FACE\"],\"areas\":[\"HANDS\"]")
                                + "}");
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
            case 3 -> json.getNodeFactory().numberNode(new BigDecimal("1e999999"));
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

    /** {@code levels} times {@code open}, then {@code inner}, then as many {@code close}. */
    private static String nested(String open, String close, int levels, String inner) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    /** A JSON array of {@code element} {@code count} times. */
    private static String repeatedArray(String element, int count) {
        return "[" + (element + ",").repeat(count - 1) + element + "]";
    }

    /** The body with the placeholder {@link #RAW} replaced by {@code number} as sent: no JSON writer writes 1e400. */
    private static String raw(ObjectNode body, String number) {
        return body.toString().replace("\"" + RAW + "\"", number);
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 12) + "... (" + text.length() + " characters)" : text;
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
            case 2 -> tokens.expiredMerchandiser();
            default -> forgedToken;
        };
    }

    private String merchandiser() {
        return tokens.merchandiser();
    }

    /** Right claims (every staff role), wrong signing key. */
    private static String forge(TokenIssuer tokens) {
        return TokenIssuer.generate(tokens.issuer())
                .issue("attacker", Set.of("merchandiser", "storefront", "support"), Duration.ofHours(1));
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

    private Probe send(
            String service,
            String method,
            String url,
            String description,
            String token,
            String contentType,
            String body) {
        return probe(
                service,
                method,
                url,
                description,
                token,
                contentType,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                false,
                false);
    }

    /**
     * A body of {@code length} bytes without a Content-Length, generated as it is sent, for an endpoint that reads at
     * most {@code limit}: past that and the 1 MiB the service drains, the connection may close before the answer is read.
     */
    private Probe chunked(
            String service,
            String method,
            String url,
            String description,
            String token,
            String contentType,
            String head,
            String filler,
            long length,
            String tail,
            long limit) {
        Supplier<InputStream> body = () -> StreamedBodies.repeated(head, filler, length, tail);
        return probe(
                service,
                method,
                url,
                description + " (" + (length == ENDLESS ? "endless" : length + " bytes") + ")",
                token,
                contentType,
                HttpRequest.BodyPublishers.ofInputStream(body),
                true,
                length > limit + DRAIN);
    }

    private Probe probe(
            String service,
            String method,
            String url,
            String description,
            String token,
            String contentType,
            HttpRequest.BodyPublisher body,
            boolean chunked,
            boolean mayClose) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return new Probe(
                service,
                method + " " + url.replaceAll("https?://[^/]+", "") + ": " + description,
                request.build(),
                chunked,
                mayClose);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What is stored, seen through the APIs: every product (both statuses) and the hostile customers' profiles. */
    private String snapshot() throws Exception {
        StringBuilder state = new StringBuilder();
        for (String status : List.of("ACTIVE", "DISCONTINUED")) {
            for (int page = 0; ; page++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        catalog + "/api/products?size=100&status=" + status + "&page=" + page))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode items = json.readTree(response.body()).get("items");
                items.forEach(item -> state.append(item.get("sku").asText())
                        .append('@')
                        .append(item.get("version").asText())
                        .append(' '));
                if (items.size() < 100) {
                    break;
                }
            }
        }
        for (int i = 0; i < 10; i++) {
            String customer = "c-hostile-" + i;
            state.append(customer)
                    .append('=')
                    .append(http.send(
                                    HttpRequest.newBuilder(URI.create(profiles + "/api/profiles/" + customer))
                                            .header("Authorization", "Bearer " + tokens.support())
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .append(' ');
        }
        return state.toString();
    }
}
