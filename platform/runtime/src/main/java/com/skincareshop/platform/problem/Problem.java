package com.skincareshop.platform.problem;

import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.validation.ViolationList;
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

    /** Lists at most {@link ViolationList#MAX_LISTED} violations, and says when it leaves some out. */
    public static Problem validation(List<Violation> violations) {
        List<Violation> listed = ViolationList.of(violations);
        String detail;
        if (ViolationList.isTruncated(listed)) {
            detail = "more than " + (listed.size() - 1) + " fields are invalid; the first " + (listed.size() - 1)
                    + " are listed";
        } else if (listed.size() == 1) {
            detail = listed.get(0).field() + ": " + listed.get(0).message();
        } else {
            detail = listed.size() + " fields are invalid";
        }
        return new Problem(TYPE_PREFIX + "validation", "Invalid request", 400, detail, null, listed);
    }

    /** A body over its endpoint's limit, of {@code declared} bytes (-1: unstated, found while reading it). */
    public static Problem payloadTooLarge(long limit, long declared) {
        String detail = declared < 0 ? "the body has more than " + limit + " bytes; at most " + limit + " are accepted"
                : "the body has " + declared + " bytes; at most " + limit + " are accepted";
        return new Problem(TYPE_PREFIX + "payload-too-large", "Payload too large", 413, detail, null,
                List.of(new Violation(Violations.BODY, "at most " + limit + " bytes")));
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, violations);
    }
}
