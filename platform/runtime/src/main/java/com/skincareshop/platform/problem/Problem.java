package com.skincareshop.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.validation.ViolationList;
import com.skincareshop.platform.openapi.ApiDocument;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, with the {@code violations} extension the APIs use for validation errors (docs/design.md). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = ApiDocument.PROBLEM, description = "An error, as RFC 9457 problem details (application/problem+json).")
public record Problem(
        @Schema(
                required = true,
                description = "What kind of problem this is: a stable code to act on.",
                pattern = "^urn:skincare:problem:[a-z0-9-]+$",
                examples = "urn:skincare:problem:validation")
        String type,

        @Schema(
                required = true,
                description = "A short summary of the kind of problem, in English.",
                examples = "Invalid request")
        String title,

        @Schema(required = true, description = "The HTTP status.", minimum = "400", maximum = "599", examples = "400")
        int status,

        @Schema(
                required = true,
                description = "What went wrong in this request, in English.",
                examples = "category: must be one of CLEANSER, EXFOLIANT, SERUM, MOISTURIZER, SUNSCREEN")
        String detail,

        @Schema(description = "The path of the request.", examples = "/api/products/SER-DEMO-2")
        String instance,

        @Schema(
                description = "Validation problems (400), bodies over their limit (413) and a field the token may not"
                        + " change (403): each field, sorted; at most " + ViolationList.MAX_LISTED
                        + ", then one naming `body` that says more were found.",
                maxItems = ViolationList.MAX_LISTED + 1)
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
        String detail = declared < 0
                ? "the body has more than " + limit + " bytes; at most " + limit + " are accepted"
                : "the body has " + declared + " bytes; at most " + limit + " are accepted";
        return new Problem(
                TYPE_PREFIX + "payload-too-large",
                "Payload too large",
                413,
                detail,
                null,
                List.of(new Violation(Violations.BODY, "at most " + limit + " bytes")));
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, violations);
    }
}
