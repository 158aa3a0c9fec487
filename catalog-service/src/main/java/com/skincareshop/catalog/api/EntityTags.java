package com.skincareshop.catalog.api;

import com.skincareshop.catalog.domain.IfMatch;
import com.skincareshop.platform.problem.ProblemException;
import java.util.HashSet;
import java.util.Set;

/** A product's ETag is its version, {@code "3"}; {@code If-Match} may list several or be {@code *}. */
final class EntityTags {

    static final String IF_MATCH = "If-Match";

    private EntityTags() {}

    static IfMatch parseIfMatch(String header) {
        if (header == null || header.isBlank()) {
            return IfMatch.NONE;
        }
        if (header.strip().equals("*")) {
            return IfMatch.ANY;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                continue; // If-Match uses strong comparison: a weak tag never matches
            }
            if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
                throw invalid();
            }
            try {
                versions.add(Long.parseLong(value.substring(1, value.length() - 1)));
            } catch (NumberFormatException e) {
                throw invalid();
            }
        }
        return IfMatch.versions(versions);
    }

    private static ProblemException invalid() {
        return ProblemException.invalid(IF_MATCH, "must be * or quoted versions such as \"3\"");
    }
}
