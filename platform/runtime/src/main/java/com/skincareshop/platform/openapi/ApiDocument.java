package com.skincareshop.platform.openapi;

import com.skincareshop.platform.problem.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Names the three services' OpenAPI documents share. {@link ApiDocumentFilter} defines what they name once, for
 * every service: the bearer scheme, the {@code Locale} and {@code Problem} schemas, and the problem+json body of
 * every error response. Resources refer to them from their annotations.
 */
public final class ApiDocument {

    /** The security scheme: a JWT from the identity provider, as {@code Authorization: Bearer <token>}. */
    public static final String BEARER = "bearer";

    /**
     * Operation extension: the roles that may call the operation, a JSON array ({@code ["merchandiser"]}). OpenAPI
     * 3.0 allows scopes only on OAuth2 requirements, so a bearer requirement lists none and the roles go here.
     */
    public static final String ROLES = "x-roles";

    /** Schema of a locale code: one of the launch locales. */
    public static final String LOCALE = "Locale";

    /** Schema of a customer's answers, built from the current questionnaire. */
    public static final String ANSWERS = "Answers";

    /** Schema of an RFC 9457 problem ({@link Problem}). */
    public static final String PROBLEM = "Problem";

    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

    private ApiDocument() {}

    /**
     * The schemas of a type: {@code name} itself and, where a response is written through a Jackson view, the variant
     * the document has per view ({@code Money_V1}, {@code Money_V2}).
     */
    public static List<Schema> schemasOf(Map<String, Schema> schemas, String name) {
        if (schemas == null) {
            return List.of();
        }
        return schemas.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "_"))
                .map(Map.Entry::getValue)
                .toList();
    }
}
