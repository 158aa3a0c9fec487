package com.skincareshop.catalog.domain;

import com.skincareshop.platform.problem.Problem;
import com.skincareshop.platform.problem.ProblemException;
import java.util.Set;

/**
 * An HTTP {@code If-Match} precondition on a product's version (its ETag). Without one, the write applies to
 * whatever version is current.
 */
public sealed interface IfMatch {

    IfMatch NONE = new None();
    IfMatch ANY = new Any();

    static IfMatch versions(Set<Long> versions) {
        return new Versions(Set.copyOf(versions));
    }

    /** Throws a 412 problem when the product as it is now does not satisfy the precondition. */
    default void check(String sku, Long currentVersion) {
        if (!test(currentVersion)) {
            throw new ProblemException(Problem.of(
                    412,
                    "precondition-failed",
                    "Precondition failed",
                    currentVersion == null
                            ? "product " + sku + " does not exist"
                            : "product " + sku + " is at version " + currentVersion
                                    + "; read it again and retry with If-Match: \"" + currentVersion + "\""));
        }
    }

    boolean test(Long currentVersion);

    record None() implements IfMatch {
        @Override
        public boolean test(Long currentVersion) {
            return true;
        }
    }

    record Any() implements IfMatch {
        @Override
        public boolean test(Long currentVersion) {
            return currentVersion != null;
        }
    }

    record Versions(Set<Long> versions) implements IfMatch {
        @Override
        public boolean test(Long currentVersion) {
            return currentVersion != null && versions.contains(currentVersion);
        }
    }
}
