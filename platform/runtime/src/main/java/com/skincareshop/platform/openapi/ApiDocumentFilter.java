package com.skincareshop.platform.openapi;

import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.vocabulary.Locales;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every service's API document shares, defined here once and applied at build time, so that the document
 * Quarkus stores under {@code target/openapi} is the one it serves:
 * <ul>
 * <li>the {@value ApiDocument#BEARER} security scheme, and per operation the roles of {@value ApiDocument#ROLES},
 *     checked against its security requirement and repeated in its description;</li>
 * <li>the body of every 4xx and 5xx response: {@code application/problem+json}, the {@code Problem} schema, an
 *     example; {@code WWW-Authenticate} on 401 and {@code Retry-After} on 503; and a 500 on every operation;</li>
 * <li>the {@code Locale} schema (the launch locales), and {@code Answers} built from the current questionnaire;</li>
 * <li>what the schemas derived from the shared records cannot say: a violation's fields are always there, and an
 *     amount of money is a decimal string, never a JSON number.</li>
 * </ul>
 * Schemas no operation refers to any more (the codes of the {@code Answers} record it replaces) are dropped, so that
 * a generated client holds no class it never uses.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    /** The problem each documented error status answers with, as the document's example of it. */
    private static final Map<String, Example> EXAMPLES = Map.of(
            "400",
                    new Example(
                            "validation",
                            "Invalid request",
                            "answers.concerns[1]: is chosen twice",
                            "answers.concerns[1]",
                            "is chosen twice"),
            "401", new Example("unauthenticated", "Unauthorized", "a valid bearer token is required"),
            "403", new Example("forbidden", "Forbidden", "the token does not allow this operation on this resource"),
            "404", new Example("not-found", "Not found", "product SER-VITC15-30 does not exist"),
            "409", new Example("conflict", "Conflict", "the resource was created by a concurrent request; retry"),
            "412",
                    new Example(
                            "precondition-failed",
                            "Precondition failed",
                            "product SER-VITC15-30 is at version 4; read it again and retry with If-Match: \"4\""),
            "413",
                    new Example(
                            "payload-too-large",
                            "Payload too large",
                            "the body has 70000 bytes; at most 65536 are accepted",
                            "body",
                            "at most 65536 bytes"),
            "415", new Example("unsupported-media-type", "Unsupported Media Type", "HTTP 415 Unsupported Media Type"),
            "500",
                    new Example(
                            "internal",
                            "Internal error",
                            "an unexpected error occurred; error id 0b5c3c0e-8f2a-4a8e-9d55-2c1d2f8e7a11"),
            "503",
                    new Example(
                            "database-unavailable",
                            "Service unavailable",
                            "the database is unavailable; nothing was changed, retry shortly"));

    /** An example problem; {@code field} and {@code message}: its one violation, if it has one. */
    private record Example(String slug, String title, String detail, String field, String message) {
        Example(String slug, String title, String detail) {
            this(slug, title, detail, null, null);
        }
    }

    /**
     * OpenAPI patterns are ECMA 262 regular expressions, where {@code \p{L}} (any letter) means nothing without a flag
     * the document cannot set; a validator or client would refuse every valid name. Such a pattern, derived from a
     * Java {@code @Pattern}, moves to the description, where a reader still sees the rule.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        String pattern = schema.getPattern();
        if (pattern != null && pattern.contains("\\p{")) {
            schema.setPattern(null);
            String rule = "Matches the Java regular expression `" + pattern + "` (\\p{L}: a letter of any script).";
            schema.setDescription(schema.getDescription() == null ? rule : schema.getDescription() + " " + rule);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components =
                openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.setSecuritySchemes(Map.of(ApiDocument.BEARER, bearer()));
        components.addSchema(ApiDocument.LOCALE, locale());
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas.containsKey(ApiDocument.ANSWERS)) {
            AnswersSchema.addTo(components, Questionnaires.current());
        }
        ApiDocument.schemasOf(schemas, "Violation").forEach(ApiDocumentFilter::describeViolation);
        ApiDocument.schemasOf(schemas, "Money").forEach(ApiDocumentFilter::describeMoney);
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation :
                    path.getValue().getOperations().entrySet()) {
                String where = operation.getKey() + " " + path.getKey();
                roles(where, operation.getValue());
                problems(where, operation.getValue());
            }
        }
        SchemaReferences.dropUnreferenced(openAPI);
    }

    private static SecurityScheme bearer() {
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description("A JWT (RS256) from the shop's identity provider, as `Authorization: Bearer <token>`,"
                        + " issued for these services' audience (`aud`). Its `groups` claim holds the caller's roles:"
                        + " `customer` (a signed-in customer, whose customer id is the token's `sub`), `storefront`"
                        + " (the shop's web front end, on its own token: what needs no customer), `merchandiser` and"
                        + " `support`. The storefront acts for a signed-in customer with the token it obtains for them"
                        + " by token exchange (RFC 8693): `sub` the customer, `groups` theirs, and an `act` claim"
                        + " naming the storefront. Each operation lists the roles it accepts in `" + ApiDocument.ROLES
                        + "`. No token, or an invalid, expired or foreign one (another issuer or audience), is a 401;"
                        + " a valid token without the role, or bound to another customer, a 403.");
    }

    private static Schema locale() {
        return OASFactory.createSchema()
                .addType(SchemaType.STRING)
                .enumeration(List.copyOf(Locales.SUPPORTED))
                .description("A launch locale. A request may also send a language tag (`lv-LV` reads as `lv`); an"
                        + " unknown one falls back to English, and every text is in English where a translation is"
                        + " missing.");
    }

    private static void describeViolation(Schema violation) {
        violation.setDescription("One invalid field of the request.");
        violation.setRequired(List.of("field", "message"));
        violation.setAdditionalPropertiesBoolean(false);
        Map<String, Schema> properties = violation.getProperties();
        properties
                .get("field")
                .description(
                        "The field as a JSON path into the request (`ingredients[2].percent`,"
                                + " `answers.concerns[1]`), a parameter (`size`, `If-Match`), or `body` for the body as a whole.")
                .examples(List.of("answers.concerns[1]"));
        properties
                .get("message")
                .description("What is wrong with it, in English.")
                .examples(List.of("is chosen twice"));
    }

    private static void describeMoney(Schema money) {
        money.setDescription("An amount in an ISO 4217 currency.");
        money.setRequired(List.of("amount", "currency"));
        money.addProperty(
                "amount",
                OASFactory.createSchema()
                        .addType(SchemaType.STRING)
                        .pattern(AnswersSchema.DECIMAL)
                        .description(
                                "A decimal as a string, so that no client rounds it through a floating-point number.")
                        .examples(List.of("24.90")));
        money.addProperty(
                "currency",
                OASFactory.createSchema()
                        .addType(SchemaType.STRING)
                        .pattern("^[A-Z]{3}$")
                        .examples(List.of("EUR")));
    }

    /** The roles go into the description too, where a reader of generated client code sees them. */
    private static void roles(String where, Operation operation) {
        Object roles = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get(ApiDocument.ROLES);
        boolean secured =
                operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (roles == null && !secured) {
            return;
        }
        if (!(roles instanceof List<?> list) || list.isEmpty() || !secured) {
            throw new IllegalStateException(where + ": a secured operation names its roles in " + ApiDocument.ROLES
                    + " (a JSON array) and has the " + ApiDocument.BEARER + " security requirement, or neither");
        }
        String sentence =
                "Roles: " + String.join(", ", list.stream().map(String::valueOf).toList()) + ".";
        String description = operation.getDescription();
        operation.setDescription(
                description == null || description.isBlank() ? sentence : description + "\n\n" + sentence);
    }

    private static void problems(String where, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            throw new IllegalStateException(where + " documents no response");
        }
        if (!responses.hasAPIResponse("500")) {
            responses.addAPIResponse(
                    "500",
                    OASFactory.createAPIResponse()
                            .description(
                                    "An unexpected error; the problem names an error id, which is also in the service's log."));
        }
        for (Map.Entry<String, APIResponse> response :
                responses.getAPIResponses().entrySet()) {
            String status = response.getKey();
            if (status.startsWith("4") || status.startsWith("5")) {
                problem(where, status, response.getValue());
            }
        }
    }

    private static void problem(String where, String status, APIResponse response) {
        Example example = EXAMPLES.get(status);
        if (example == null) {
            throw new IllegalStateException(where + ": no problem is known for status " + status);
        }
        if (response.getContent() == null) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", "urn:skincare:problem:" + example.slug());
            value.put("title", example.title());
            value.put("status", Integer.parseInt(status));
            value.put("detail", example.detail());
            value.put("instance", "/api/...");
            if (example.field() != null) {
                value.put("violations", List.of(Map.of("field", example.field(), "message", example.message())));
            }
            Content content = OASFactory.createContent()
                    .addMediaType(
                            ApiDocument.PROBLEM_JSON,
                            OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref(ApiDocument.PROBLEM))
                                    .example(value));
            response.setContent(content);
        }
        if (status.equals("401")) {
            response.addHeader("WWW-Authenticate", header("`Bearer`", true));
        }
        if (status.equals("503")) {
            response.addHeader(
                    "Retry-After",
                    header(
                            "Seconds to wait before retrying, when the database is"
                                    + " unavailable (`urn:skincare:problem:database-unavailable`)",
                            false));
        }
    }

    private static Header header(String description, boolean required) {
        return OASFactory.createHeader()
                .description(description)
                .required(required)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }
}
