package com.skincareshop.platform.problem;

import com.skincareshop.contracts.validation.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** RFC 9457 problem details, with the {@code violations} extension DESIGN.md fixes for validation errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:skincare:problem:";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of());
    }

    public static Problem validation(List<Violation> violations) {
        return new Problem(TYPE_PREFIX + "validation", "Invalid request", 400,
                violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).message()
                        : violations.size() + " fields are invalid",
                null, List.copyOf(violations));
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, violations);
    }
}
