package com.skincareshop.platform.problem;

import com.skincareshop.contracts.validation.Violation;
import java.util.List;

/** Thrown by services for a 4xx they decide themselves (not found, precondition failed, invalid state). */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " does not exist"));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.validation(List.of(new Violation(field, message))));
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(Problem.validation(violations));
    }
}
