package com.skincareshop.containers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.TokenIssuer;
import com.skincareshop.platform.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The shipped images, built from each service's Dockerfile and run as Kubernetes runs them (ShippedStack), driven
 * over HTTP with the production profile's authentication: a merchandiser creates products, a consenting customer
 * answers the questionnaire, and recommendation-service serves them a real routine and tells the marketing pipeline
 * what it recommended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerSmokeTest {

    private static final String CUSTOMER = "c-container-smoke";
    private static final String SERUM_FOR_DARK_SPOTS = "SMOKE-SER-VITC10";
    private static final String SERUM_FOR_DEHYDRATION = "SMOKE-SER-HA";

    private static ShippedStack stack;
    private static long startedAt;

    @BeforeAll
    static void startTheImages() throws Exception {
        ContainerEngine.assumeReachable();
        startedAt = System.nanoTime();
        stack = ShippedStack.start();
    }

    @AfterAll
    static void removeEverything() {
        if (stack != null) {
            stack.close();
            System.out.printf("container smoke test: %.1f s in all%n", seconds(System.nanoTime() - startedAt));
        }
    }

    /**
     * As shipped: the application port serves the API alone; health and metrics are on the management port, and
     * the API document is off in production unless an operator turns it on.
     */
    @Test
    @Order(1)
    void operationsAreOnTheManagementPortAndTheApiDocumentIsOff() {
        for (ShippedStack.Service service : ShippedStack.SERVICES) {
            String application = stack.url(service.name());
            String management = stack.managementUrl(service.name());
            for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
                assertThat(given().when().get(application + path).statusCode())
                        .as(service.name() + " application port " + path)
                        .isEqualTo(404);
            }
            given().when()
                    .get(management + "/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(not(containsString("Exception")));
            given().when()
                    .get(management + "/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("outbox_oldest_age_seconds"));
            given().when().get(management + "/q/openapi").then().statusCode(404);
        }
    }

    @Test
    @Order(2)
    void aConsentingCustomerGetsARoutineFromTheShippedImages() {
        for (ShippedStack.Service service : ShippedStack.SERVICES) {
            InspectImageResponse image = DockerClientFactory.instance()
                    .client()
                    .inspectImageCmd(stack.builtImage(service.name()))
                    .exec();
            assertThat(image.getConfig().getUser())
                    .as(service.name() + " runs as the manifests' numeric user")
                    .isEqualTo("185:185");
            assertThat(image.getConfig().getExposedPorts())
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder(service.port() + "/tcp", service.managementPort() + "/tcp");
        }
        String catalog = stack.url("catalog-service");
        String profiles = stack.url("profile-service");
        String recommendations = stack.url("recommendation-service");
        long routineStarted = System.nanoTime();

        // the prod profile: no token, or one signed with the repository's public development key, is refused
        given().contentType(ContentType.JSON)
                .body(product("SERUM", "SMOKE-SER-X"))
                .when()
                .put(catalog + "/api/products/SMOKE-SER-X")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TokenIssuer.development().as(stack.issuer.issuer()).merchandiser())
                .contentType(ContentType.JSON)
                .body(product("SERUM", "SMOKE-SER-X"))
                .when()
                .put(catalog + "/api/products/SMOKE-SER-X")
                .then()
                .statusCode(401);

        String merchandiser = stack.issuer.merchandiser();
        for (String sku : List.of(
                SERUM_FOR_DARK_SPOTS, SERUM_FOR_DEHYDRATION, "SMOKE-CLN-GEL", "SMOKE-MST-LOT", "SMOKE-SUN-50")) {
            given().auth()
                    .oauth2(merchandiser)
                    .contentType(ContentType.JSON)
                    .body(product(null, sku))
                    .when()
                    .put(catalog + "/api/products/{sku}", sku)
                    .then()
                    .statusCode(201);
        }

        String customer = stack.issuer.customer(CUSTOMER);
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "questionnaireVersion",
                        1,
                        "locale",
                        "en",
                        "answers",
                        Map.of(
                                "skinType",
                                "NORMAL",
                                "sensitive",
                                false,
                                "ageBand",
                                "25_34",
                                "concerns",
                                List.of("DARK_SPOTS"),
                                "sunExposureHours",
                                1,
                                "pregnantOrBreastfeeding",
                                false,
                                "areas",
                                List.of("FACE"),
                                "marketingConsent",
                                true)))
                .when()
                .put(profiles + "/api/profiles/{id}", CUSTOMER)
                .then()
                .statusCode(201);

        // the routine, once the profile and the products have reached recommendation-service through Kafka (each
        // sku on its partition, so in no particular order)
        List<String> expected = List.of(SERUM_FOR_DARK_SPOTS, "SMOKE-CLN-GEL", "SMOKE-MST-LOT", "SMOKE-SUN-50");
        JsonPath[] routine = new JsonPath[1];
        String[] last = {"no answer yet"};
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        Response response = given().auth()
                                .oauth2(customer)
                                .when()
                                .get(recommendations + "/api/recommendations/{id}", CUSTOMER);
                        last[0] = response.statusCode() + " " + response.asString();
                        if (response.statusCode() != 200) {
                            return false;
                        }
                        routine[0] = response.jsonPath();
                        return skus(routine[0]).containsAll(expected);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no routine with " + expected + " within 60 s; the last answer: " + last[0], e);
        }
        long routineArrived = System.nanoTime();
        JsonPath answer = routine[0];
        assertThat(answer.getString("customerId")).isEqualTo(CUSTOMER);
        assertThat(answer.getLong("profileVersion")).isEqualTo(1);
        assertThat(answer.getInt("minimumSpf")).isEqualTo(20);
        List<String> serums = steps(answer, "SERUM");
        assertThat(serums)
                .as("the serum for the customer's concern, and no other")
                .containsOnly(SERUM_FOR_DARK_SPOTS);
        assertThat(answer.getList("am.find { it.slot == 'SERUM' }.reasons.code", String.class))
                .contains("CONCERN_MATCH");
        assertThat(steps(answer, "CLEANSER")).containsOnly("SMOKE-CLN-GEL");
        assertThat(steps(answer, "MOISTURIZER")).containsOnly("SMOKE-MST-LOT");
        List<String> morning = answer.getList("am.slot", String.class);
        assertThat(morning.get(morning.size() - 1))
                .as("sun protection closes the morning")
                .isEqualTo("SUNSCREEN");
        assertThat(answer.getString("am.find { it.slot == 'SUNSCREEN' }.product.sku"))
                .isEqualTo("SMOKE-SUN-50");

        // the customer consented: what was recommended went to recommendations.issued.v1, products only, where the
        // marketing principal reads it
        List<ConsumerRecord<String, String>> issued = TopicReader.readKey(
                stack.kafkaClientConfig(KafkaAccess.MARKETING),
                Topics.RECOMMENDATIONS_ISSUED,
                CUSTOMER,
                records -> !records.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(issued).hasSize(1);
        EventContracts.assertValid(Topics.RECOMMENDATIONS_ISSUED, issued.get(0).value());
        EventContracts.assertHeaders(issued.get(0), "routineIssued");
        JsonPath event = JsonPath.from(issued.get(0).value());
        assertThat(event.getString("customerId")).isEqualTo(CUSTOMER);
        assertThat(event.getList("steps.sku", String.class)).containsAll(skus(answer));
        assertThat(issued.get(0).value()).doesNotContain("DARK_SPOTS", "NORMAL");

        given().auth()
                .oauth2(customer)
                .when()
                .get(recommendations + "/api/recommendations/{id}", "c-someone-else")
                .then()
                .statusCode(403)
                .body("status", equalTo(403));

        stack.record("products and profile in, routine out", Duration.ofNanos(routineArrived - routineStarted));
    }

    /**
     * A rolling update of recommendation-service, as the Deployment does it (maxSurge 1, maxUnavailable 0), under a
     * steady stream of routine requests from four clients: a second instance starts and becomes ready, takes
     * requests beside the first, the first leaves the endpoints (the preStop pause) and gets SIGTERM at once, with
     * requests still in flight. Not one request may fail, the old instance must stop within the shutdown timeout,
     * and neither instance may come near the memory limit with the Deployments' heap share.
     */
    @Test
    @Order(3)
    void aRollingRestartOfRecommendationServiceLosesNoRequest() throws Exception {
        String customer = stack.issuer.customer(CUSTOMER);
        GenericContainer<?> old = stack.container("recommendation-service");
        String oldUrl = stack.url("recommendation-service");
        ShippedStack.Service service = ShippedStack.service("recommendation-service");
        try (RequestStream stream =
                        RequestStream.start(4, List.of(oldUrl), "/api/recommendations/" + CUSTOMER, customer);
                MemoryWatch memory = MemoryWatch.start(old)) {
            stream.awaitServed(oldUrl, 50);

            GenericContainer<?> surge = stack.startAnotherInstance("recommendation-service");
            memory.watch(surge);
            String surgeUrl = ShippedStack.url(surge, service.port());
            stream.route(List.of(oldUrl, surgeUrl));
            stream.awaitServed(surgeUrl, 50);

            stream.route(List.of(surgeUrl)); // the old pod leaves the Service's endpoints
            long stopping = System.nanoTime();
            DockerClientFactory.instance()
                    .client()
                    .stopContainerCmd(old.getContainerId())
                    .withTimeout(40) // terminationGracePeriodSeconds: SIGTERM, and SIGKILL only after that
                    .exec();
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
            stream.awaitServed(surgeUrl, stream.served(surgeUrl) + 100);
            stream.stop();

            System.out.printf(
                    "rolling restart: %s; old instance stopped in %d ms; peak RSS %s%n",
                    stream.summary(), stopped.toMillis(), memory.summary());
            assertThat(stream.failures())
                    .as("requests lost during the rolling restart")
                    .isEmpty();
            assertThat(stopped).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(25));
            assertThat(old.getLogs()).contains("stopped in");
            memory.peaks()
                    .forEach((instance, rss) -> assertThat(rss)
                            .as("peak RSS of %s against the %d MiB limit", instance, ShippedStack.MEMORY_LIMIT >> 20)
                            .isLessThan((long) (ShippedStack.MEMORY_LIMIT * 0.85)));
        }
    }

    private static List<String> steps(JsonPath routine, String slot) {
        List<String> skus =
                new ArrayList<>(routine.getList("am.findAll { it.slot == '" + slot + "' }.product.sku", String.class));
        skus.addAll(routine.getList("pm.findAll { it.slot == '" + slot + "' }.product.sku", String.class));
        return skus;
    }

    private static List<String> skus(JsonPath routine) {
        List<String> skus = new ArrayList<>(routine.getList("am.product.sku", String.class));
        skus.addAll(routine.getList("pm.product.sku", String.class));
        return skus;
    }

    /** A small product per sku: each made for normal facial skin, the serums for different concerns. */
    private static Map<String, Object> product(String category, String sku) {
        Map<String, Object> product = new LinkedHashMap<>();
        switch (sku) {
            case SERUM_FOR_DARK_SPOTS -> {
                product.put("category", "SERUM");
                product.put("names", Map.of("en", "Vitamin C 10% Serum"));
                product.put(
                        "ingredients",
                        List.of(inci("Aqua"), inci("Ascorbic Acid", 10), inci("Glycerin"), inci("Sodium Hyaluronate")));
                product.put("concerns", List.of("DARK_SPOTS", "DULLNESS"));
                product.put("timeOfDay", "AM");
                product.put("format", "DROPPER");
                product.put("price", price("29.00"));
            }
            case SERUM_FOR_DEHYDRATION -> {
                product.put("category", "SERUM");
                product.put("names", Map.of("en", "Hyaluronic Hydration Serum"));
                product.put("ingredients", List.of(inci("Aqua"), inci("Sodium Hyaluronate", 1), inci("Glycerin")));
                product.put("concerns", List.of("DEHYDRATION"));
                product.put("timeOfDay", "ANY");
                product.put("format", "DROPPER");
                product.put("price", price("19.00"));
            }
            case "SMOKE-CLN-GEL" -> {
                product.put("category", "CLEANSER");
                product.put("names", Map.of("en", "Gentle Gel Cleanser"));
                product.put("ingredients", List.of(inci("Aqua"), inci("Sodium Cocoyl Glycinate"), inci("Glycerin")));
                product.put("concerns", List.of());
                product.put("timeOfDay", "ANY");
                product.put("format", "PUMP");
                product.put("price", price("12.00"));
            }
            case "SMOKE-MST-LOT" -> {
                product.put("category", "MOISTURIZER");
                product.put("names", Map.of("en", "Daily Barrier Lotion"));
                product.put(
                        "ingredients", List.of(inci("Aqua"), inci("Glycerin"), inci("Squalane"), inci("Ceramide NP")));
                product.put("concerns", List.of("DEHYDRATION"));
                product.put("timeOfDay", "ANY");
                product.put("format", "PUMP");
                product.put("price", price("18.00"));
            }
            case "SMOKE-SUN-50" -> {
                product.put("category", "SUNSCREEN");
                product.put("names", Map.of("en", "Mineral Sunscreen SPF 50"));
                product.put(
                        "ingredients",
                        List.of(inci("Aqua"), inci("Zinc Oxide", 20), inci("Caprylic/Capric Triglyceride")));
                product.put("concerns", List.of());
                product.put("timeOfDay", "AM");
                product.put("spf", 50);
                product.put("format", "TUBE");
                product.put("price", price("21.00"));
            }
            default -> {
                product.put("category", category);
                product.put("names", Map.of("en", "Refused Serum"));
                product.put("ingredients", List.of(inci("Aqua")));
                product.put("concerns", List.of("DULLNESS"));
                product.put("timeOfDay", "ANY");
                product.put("format", "DROPPER");
                product.put("price", price("9.00"));
            }
        }
        product.put("brand", "Smoke Test");
        product.put("descriptions", Map.of("en", "A product of the container smoke test."));
        product.put("skinTypes", List.of("NORMAL"));
        product.put("areas", List.of("FACE"));
        product.put("size", Map.of("amount", 50, "unit", "ML"));
        product.put("stock", 10);
        return product;
    }

    private static Map<String, Object> inci(String name) {
        return Map.of("inci", name);
    }

    private static Map<String, Object> inci(String name, Number percent) {
        return Map.of("inci", name, "percent", percent);
    }

    private static Map<String, Object> price(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
