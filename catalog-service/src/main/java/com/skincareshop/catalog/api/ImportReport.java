package com.skincareshop.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.validation.Violation;

import java.util.List;

/**
 * What an NDJSON import did, line by line (line numbers count from 1, blank lines included). {@code violations} are
 * why a line was rejected; {@code warnings} are about a line that was stored all the same.
 */
public record ImportReport(int received, int created, int updated, int unchanged, int rejected, List<Line> lines) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, REJECTED }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Line(int line, String sku, Outcome outcome, Long version, List<Violation> violations,
                       List<Violation> warnings) {
    }

    static ImportReport of(List<Line> lines) {
        return new ImportReport(lines.size(), count(lines, Outcome.CREATED), count(lines, Outcome.UPDATED),
                count(lines, Outcome.UNCHANGED), count(lines, Outcome.REJECTED), lines);
    }

    private static int count(List<Line> lines, Outcome outcome) {
        return (int) lines.stream().filter(l -> l.outcome() == outcome).count();
    }
}
