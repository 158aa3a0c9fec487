package com.skincareshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.client.catalog.api.ProductsApi;
import com.skincareshop.client.catalog.model.Area;
import com.skincareshop.client.catalog.model.Category;
import com.skincareshop.client.catalog.model.Concern;
import com.skincareshop.client.catalog.model.ImportOutcome;
import com.skincareshop.client.catalog.model.ImportReport;
import com.skincareshop.client.catalog.model.IngredientInput;
import com.skincareshop.client.catalog.model.PriceInput;
import com.skincareshop.client.catalog.model.Product;
import com.skincareshop.client.catalog.model.ProductFormat;
import com.skincareshop.client.catalog.model.ProductInput;
import com.skincareshop.client.catalog.model.ProductInputDescriptions;
import com.skincareshop.client.catalog.model.ProductInputNames;
import com.skincareshop.client.catalog.model.ProductPage;
import com.skincareshop.client.catalog.model.ProductStatus;
import com.skincareshop.client.catalog.model.SizeInput;
import com.skincareshop.client.catalog.model.SizeUnit;
import com.skincareshop.client.catalog.model.SkinType;
import com.skincareshop.client.catalog.model.TimeOfDay;
import com.skincareshop.client.profile.api.ProfilesApi;
import com.skincareshop.client.profile.api.QuestionnaireApi;
import com.skincareshop.client.profile.model.Answers;
import com.skincareshop.client.profile.model.Profile;
import com.skincareshop.client.profile.model.ProfileRequest;
import com.skincareshop.client.profile.model.Questionnaire;
import com.skincareshop.client.recommendation.api.RecommendationsApi;
import com.skincareshop.client.recommendation.model.PreviewRequest;
import com.skincareshop.client.recommendation.model.RoutineV1;
import com.skincareshop.client.recommendation.model.RoutineV2;
import com.skincareshop.platform.testing.OpenApiConformance;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storefront's view of the three services: the Java clients generated at build time from each service's stored
 * API document (system-tests/pom.xml), driven against the services as they ship. Each service's happy path and its
 * errors come back as the document describes them: typed models, and problem+json bodies that name the field.
 */
@ExtendWith(RunningStack.class)
class StorefrontClientsTest {

    private static final String CUSTOMER = "c-e2e-client";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void documentsAreTheOnesTheClientsWereGeneratedFrom() throws Exception {
        // the clients come from <service>/target/openapi/openapi.json: the running service serves the same document
        RunningStack.Urls urls = RunningStack.urls();
        for (String[] service : new String[][] {
            {"catalog-service", urls.catalog()},
            {"profile-service", urls.profiles()},
            {"recommendation-service", urls.recommendations()}
        }) {
            JsonNode stored = JSON.readTree(
                    Files.readString(RunningStack.ROOT.resolve(service[0] + "/target/openapi/openapi.json")));
            // HTTP/1.1 and a timeout: a request that never comes back fails here, not the whole run
            HttpResponse<String> served = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(OpenApiConformance.documentUrl(service[1])))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(served.body()))
                    .as(service[0] + ": served and stored document")
                    .isEqualTo(stored);
        }
    }

    @Test
    void catalogue() throws Exception {
        ProductsApi merchandiser =
                new ProductsApi(catalogClient(RunningStack.tokens().merchandiser()));
        ProductsApi storefront = new ProductsApi(catalogClient(null));

        Product created = merchandiser.putProduct("HND-CLIENT-50", handCream(), null);
        assertThat(created.getVersion()).isEqualTo(1);
        assertThat(created.getCategory()).isEqualTo(Category.MOISTURIZER);
        assertThat(created.getPrice().getAmount()).isEqualTo("12.50");

        Product read = storefront.getProduct("HND-CLIENT-50", com.skincareshop.client.catalog.model.Locale.LV);
        assertThat(read.getLocale()).isEqualTo(com.skincareshop.client.catalog.model.Locale.LV);
        assertThat(read.getName()).isEqualTo("Roku krēms");
        assertThat(read.getAreas()).containsExactly(Area.HANDS);

        ProductPage page =
                storefront.listProducts(Area.HANDS, Category.MOISTURIZER, null, null, 0, "CLIENT", 10, null, null);
        assertThat(page.getItems()).extracting(Product::getSku).containsExactly("HND-CLIENT-50");

        // NDJSON: one product as the client writes it, and a line that breaks a rule
        String line = catalogClient(null)
                .getObjectMapper()
                .writeValueAsString(handCream().sku("HND-CLIENT-51"));
        ImportReport report =
                merchandiser.importProducts(line + "\n{\"sku\": \"HND-CLIENT-52\", \"category\": \"TONER\"}\n");
        assertThat(report.getCreated()).isEqualTo(1);
        assertThat(report.getRejected()).isEqualTo(1);
        assertThat(report.getLines().get(1).getOutcome()).isEqualTo(ImportOutcome.REJECTED);
        assertThat(report.getLines().get(1).getViolations()).extracting("field").contains("category");

        // a sku that does not exist: 404
        Problem missing = problem(() -> storefront.getProduct("NO-SUCH-SKU", null), 404);
        assertThat(missing.type()).isEqualTo("urn:skincare:problem:not-found");
        // an SPF on a serum: 400 naming spf
        Problem invalid = problem(
                () -> merchandiser.putProduct(
                        "SER-CLIENT-1", handCream().category(Category.SERUM).spf(30), null),
                400);
        assertThat(invalid.fields()).containsExactly("spf");
        // a stale version: 412
        Problem stale = problem(
                () -> merchandiser.putProduct("HND-CLIENT-50", handCream().stock(3), "\"7\""), 412);
        assertThat(stale.type()).isEqualTo("urn:skincare:problem:precondition-failed");
        // no merchandiser: 401
        problem(() -> storefront.putProduct("HND-CLIENT-50", handCream(), null), 401);

        // out of the way of the other tests' routines
        merchandiser.discontinueProduct("HND-CLIENT-50", "\"1\"");
        merchandiser.discontinueProduct("HND-CLIENT-51", null);
        assertThat(storefront.getProduct("HND-CLIENT-50", null).getStatus()).isEqualTo(ProductStatus.DISCONTINUED);
    }

    @Test
    void profilesAndRoutines() throws Exception {
        QuestionnaireApi questionnaire = new QuestionnaireApi(profileClient(null));
        Questionnaire tagalog = questionnaire.getQuestionnaire(com.skincareshop.client.profile.model.Locale.TL);
        assertThat(tagalog.getVersion()).isEqualTo(1);
        assertThat(tagalog.getQuestions()).extracting("id").contains("skinType", "concerns", "budget");

        TokenIssuer tokens = RunningStack.tokens();
        // the storefront acts for the signed-in customer with the token the identity provider exchanged for it
        // (sub: the customer, act: the storefront): it answers for them, and reads their routine
        ProfilesApi forCustomer = new ProfilesApi(profileClient(tokens.storefrontFor(CUSTOMER)));
        Profile profile = forCustomer.putProfile(
                CUSTOMER,
                new ProfileRequest()
                        .questionnaireVersion(1)
                        .locale(com.skincareshop.client.profile.model.Locale.TL)
                        .answers(answers()));
        assertThat(profile.getVersion()).isEqualTo(1);
        assertThat(profile.getAnswers().getConcerns())
                .containsExactly(
                        com.skincareshop.client.profile.model.Concern.DULLNESS,
                        com.skincareshop.client.profile.model.Concern.DARK_SPOTS);
        // ... but it cannot give consent in the customer's name: only the customer's own token can
        Problem consent = problem(
                () -> forCustomer.putProfile(
                        CUSTOMER,
                        new ProfileRequest()
                                .questionnaireVersion(1)
                                .answers(answers().marketingConsent(true))),
                403);
        assertThat(consent.fields()).containsExactly("answers.marketingConsent");
        ProfilesApi customer = new ProfilesApi(profileClient(tokens.customer(CUSTOMER)));
        assertThat(customer.putProfile(
                                CUSTOMER,
                                new ProfileRequest()
                                        .questionnaireVersion(1)
                                        .locale(com.skincareshop.client.profile.model.Locale.TL)
                                        .answers(answers().marketingConsent(true)))
                        .getVersion())
                .isEqualTo(2);
        // the history is the customer's and support's; the storefront reads the current answers only
        assertThat(customer.getProfile(CUSTOMER).getHistory()).hasSize(2);
        assertThat(forCustomer.getProfile(CUSTOMER).getHistory()).isNullOrEmpty();
        assertThat(new ProfilesApi(profileClient(tokens.support()))
                        .getProfile(CUSTOMER)
                        .getHistory())
                .hasSize(2);

        // an answer out of range: 400 naming it
        Problem invalid = problem(
                () -> customer.putProfile(
                        CUSTOMER,
                        new ProfileRequest()
                                .questionnaireVersion(1)
                                .answers(answers().sunExposureHours(new BigDecimal("30")))),
                400);
        assertThat(invalid.fields()).containsExactly("answers.sunExposureHours");
        // another customer's profile: 403, also for the storefront's token for this customer; one without: 404
        problem(() -> customer.getProfile("c-e2e-someone-else"), 403);
        problem(() -> forCustomer.getProfile("c-e2e-someone-else"), 403);
        problem(() -> new ProfilesApi(profileClient(tokens.support())).getProfile("c-e2e-nobody"), 404);

        // the routine follows the profile through Kafka; the storefront reads it for the customer
        RecommendationsApi routines = new RecommendationsApi(recommendationClient(tokens.storefrontFor(CUSTOMER)));
        AtomicReference<RoutineV1> routine = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    routine.set(routines.getRoutine(CUSTOMER, null));
                    return routine.get().getProfileVersion() == 2;
                });
        assertThat(routine.get().getCustomerId()).isEqualTo(CUSTOMER);
        assertThat(routine.get().getLocale()).isEqualTo(com.skincareshop.client.recommendation.model.Locale.TL);

        // the same routine as a routine page renders it: step ids, headings, the cart adding up to the total
        RoutineV2 page = routines.getRoutinePage(CUSTOMER, null);
        assertThat(page.getAm()).isNotEmpty();
        assertThat(page.getAm().get(0).getId()).isEqualTo("am-1");
        assertThat(page.getAm().get(0).getLabels().getTime()).isEqualTo("Umaga");
        assertThat(page.getProducts()).isNotEmpty();
        assertThat(page.getProducts().stream()
                        .map(l ->
                                new BigDecimal(l.getPrice().getAmount()).multiply(BigDecimal.valueOf(l.getQuantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(page.getTotal().getAmount());

        // a guest's routine from the same answers, typed as the preview's schema says
        // the storefront's own token, bound to no customer: the preview, and no customer's routine
        RecommendationsApi storefront = new RecommendationsApi(recommendationClient(tokens.storefront()));
        RoutineV1 guest = storefront.previewRoutine(
                new PreviewRequest().answers(guestAnswers()), com.skincareshop.client.recommendation.model.Locale.EN);
        assertThat(guest.getCustomerId()).isNull();
        assertThat(guest.getLocale()).isEqualTo(com.skincareshop.client.recommendation.model.Locale.EN);
        assertThat(guest.getMinimumSpf()).isPositive();

        // no areas: 400 naming them; a customer who never answered: 404 pointing to the preview
        Problem noAreas = problem(
                () -> storefront.previewRoutine(
                        new PreviewRequest().answers(guestAnswers().areas(new LinkedHashSet<>())), null),
                400);
        assertThat(noAreas.fields()).containsExactly("answers.areas");
        problem(() -> storefront.getRoutine(CUSTOMER, null), 403);
        Problem noProfile = problem(
                () -> new RecommendationsApi(recommendationClient(tokens.storefrontFor("c-e2e-nobody")))
                        .getRoutine("c-e2e-nobody", null),
                404);
        assertThat(noProfile.type()).isEqualTo("urn:skincare:problem:no-profile");

        // erasure (the customer's own request): the routine goes too
        customer.eraseProfile(CUSTOMER);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(problem(() -> routines.getRoutine(CUSTOMER, null))
                                .status())
                        .isEqualTo(404));
    }

    private static ProductInput handCream() {
        return new ProductInput()
                .category(Category.MOISTURIZER)
                .brand("Client Lab")
                .names(new ProductInputNames().en("Hand cream").lv("Roku krēms"))
                .descriptions(new ProductInputDescriptions().en("A rich cream for dry hands."))
                .ingredients(List.of(
                        new IngredientInput().inci("Aqua"),
                        new IngredientInput().inci("Glycerin"),
                        new IngredientInput().inci("Shea Butter")))
                .concerns(Set.of(Concern.DEHYDRATION))
                .skinTypes(Set.of(SkinType.DRY, SkinType.NORMAL))
                .areas(Set.of(Area.HANDS))
                .timeOfDay(TimeOfDay.ANY)
                .format(ProductFormat.TUBE)
                .size(new SizeInput().amount(new BigDecimal("50")).unit(SizeUnit.ML))
                .price(new PriceInput().amount(new BigDecimal("12.50")).currency("EUR"))
                .stock(25);
    }

    /** A customer's answers, in their order of importance. */
    private static Answers answers() {
        return new Answers()
                .skinType(com.skincareshop.client.profile.model.SkinType.COMBINATION)
                .sensitive(false)
                .ageBand(com.skincareshop.client.profile.model.AgeBand._35_44)
                .concerns(new LinkedHashSet<>(List.of(
                        com.skincareshop.client.profile.model.Concern.DULLNESS,
                        com.skincareshop.client.profile.model.Concern.DARK_SPOTS)))
                .sunExposureHours(new BigDecimal("2.5"))
                .pregnantOrBreastfeeding(false)
                .areas(new LinkedHashSet<>(List.of(com.skincareshop.client.profile.model.Area.FACE)))
                .marketingConsent(false);
    }

    /** A guest's answers, in the recommendation client's types. */
    private static com.skincareshop.client.recommendation.model.Answers guestAnswers() {
        return new com.skincareshop.client.recommendation.model.Answers()
                .skinType(com.skincareshop.client.recommendation.model.SkinType.DRY)
                .sensitive(true)
                .ageBand(com.skincareshop.client.recommendation.model.AgeBand._25_34)
                .concerns(new LinkedHashSet<>(List.of(com.skincareshop.client.recommendation.model.Concern.DARK_SPOTS)))
                .sunExposureHours(BigDecimal.ONE)
                .pregnantOrBreastfeeding(true)
                .areas(new LinkedHashSet<>(List.of(
                        com.skincareshop.client.recommendation.model.Area.FACE,
                        com.skincareshop.client.recommendation.model.Area.HANDS)))
                .marketingConsent(false);
    }

    /** A problem as the document describes it, read from the generated client's exception. */
    private record Problem(int status, String type, List<String> fields) {}

    private interface Call {
        void run() throws Exception;
    }

    /** The call must fail with {@code status}, as an application/problem+json body. */
    private static Problem problem(Call call, int status) {
        Problem problem = problem(call);
        assertThat(problem.status()).as("status").isEqualTo(status);
        return problem;
    }

    private static Problem problem(Call call) {
        Exception failure = catchThrowableOfType(Exception.class, call::run);
        assertThat(failure).as("the call fails").isNotNull();
        int code;
        String body;
        HttpHeaders headers;
        if (failure instanceof com.skincareshop.client.catalog.ApiException e) {
            code = e.getCode();
            body = e.getResponseBody();
            headers = e.getResponseHeaders();
        } else if (failure instanceof com.skincareshop.client.profile.ApiException e) {
            code = e.getCode();
            body = e.getResponseBody();
            headers = e.getResponseHeaders();
        } else if (failure instanceof com.skincareshop.client.recommendation.ApiException e) {
            code = e.getCode();
            body = e.getResponseBody();
            headers = e.getResponseHeaders();
        } else {
            throw new AssertionError("not an error answer", failure);
        }
        assertThat(headers.firstValue("Content-Type")).hasValue("application/problem+json");
        try {
            JsonNode json = JSON.readTree(body);
            assertThat(json.path("status").asInt()).isEqualTo(code);
            return new Problem(
                    code, json.path("type").asText(), json.path("violations").findValuesAsText("field"));
        } catch (IOException e) {
            throw new AssertionError("the problem is not JSON: " + body, e);
        }
    }

    private static com.skincareshop.client.catalog.ApiClient catalogClient(String token) {
        var client = new com.skincareshop.client.catalog.ApiClient();
        client.updateBaseUri(RunningStack.urls().catalog());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static com.skincareshop.client.profile.ApiClient profileClient(String token) {
        var client = new com.skincareshop.client.profile.ApiClient();
        client.updateBaseUri(RunningStack.urls().profiles());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static com.skincareshop.client.recommendation.ApiClient recommendationClient(String token) {
        var client = new com.skincareshop.client.recommendation.ApiClient();
        client.updateBaseUri(RunningStack.urls().recommendations());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
