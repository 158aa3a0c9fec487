package com.skincareshop.platform.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A RestAssured filter that holds every response a test receives to the service's own API document: the status must
 * be one the operation documents, and the content type, the required headers and the body must be what the document
 * says for it. A mismatch fails the test with an {@link AssertionError} that lists each difference.
 *
 * <p>The document is the one the service serves at {@code /q/openapi} on its management interface (registered with
 * {@link #documentsAt}; else on the base URL itself), read once per service (base URL). Only
 * responses are checked: tests send invalid requests on purpose, and what matters is that the answer to each is
 * documented. A request to a path or method the document does not have fails too, since its answer cannot be
 * documented; {@code /q/...} (health, metrics, the document itself) is operations, not API, and is not checked.
 */
public final class OpenApiConformance implements OrderedFilter {

    /** Run closest to the wire: after any filter that changes the request, before any that reads the response. */
    private static final int ORDER = HIGHEST_PRECEDENCE;

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    /** Where a service serves its document, by its base URL; by default on the base URL itself. */
    private static volatile Function<String, String> documents = base -> base + "/q/openapi?format=json";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Installs the filter for every RestAssured request of this class loader, once. */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(OpenApiConformance.class::isInstance)) {
            RestAssured.filters(new OpenApiConformance());
        }
    }

    /**
     * Where the API document of the service at a base URL ({@code http://localhost:8083}) is served: its management
     * interface, on a port of its own.
     */
    public static void documentsAt(Function<String, String> documentUrlOfBase) {
        documents = documentUrlOfBase;
    }

    /** The URL of the API document of the service at {@code base}. */
    public static String documentUrl(String base) {
        return documents.apply(base);
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request,
            FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/q/")) {
            return response;
        }
        ValidationReport report =
                validator(uri).validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        if (report.hasErrors()) {
            throw new AssertionError(request.getMethod() + " " + uri.getPath() + " answered " + response.statusCode()
                    + " (" + response.contentType() + "), which the service's API document does not allow:\n"
                    + report.getMessages().stream()
                            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                            .map(message -> "  - " + message.getKey() + ": " + message.getMessage())
                            .collect(Collectors.joining("\n")));
        }
        return response;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static OpenApiInteractionValidator validator(URI uri) {
        return VALIDATORS.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(), OpenApiConformance::load);
    }

    /** Exposed for tests of the filter itself: the validator of the document served at {@code base}. */
    static OpenApiInteractionValidator load(String base) {
        String document;
        String documentUrl = documentUrl(base);
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(documentUrl))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(documentUrl + " answered " + answer.statusCode());
            }
            document = answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("the API document of " + base + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }
}
