package com.skincareshop.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.validation.Violation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an NDJSON import did, line by line (line numbers count from 1, blank lines included). {@code violations} are
 * why a line was rejected; {@code warnings} are about a line that was stored all the same.
 */
@Schema(requiredProperties = {"received", "created", "updated", "unchanged", "rejected", "lines"})
public record ImportReport(
        @Schema(description = "Lines that were not blank") int received,
        int created,
        int updated,
        int unchanged,
        int rejected,
        List<Line> lines) {

    @Schema(name = "ImportOutcome")
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @Schema(
            name = "ImportLine",
            requiredProperties = {"line", "outcome"})
    public record Line(
            @Schema(description = "The line number, counting from 1 (blank lines included)", minimum = "1")
            int line,

            @Schema(description = "The line's sku, if it could be read")
            String sku,

            Outcome outcome,

            @Schema(description = "The stored version, for a line that was stored")
            Long version,

            @Schema(description = "Why the line was rejected")
            List<Violation> violations,

            @Schema(description = "About a line stored all the same: INCI names the dictionary does not know")
            List<Violation> warnings) {}

    static ImportReport of(List<Line> lines) {
        return new ImportReport(
                lines.size(),
                count(lines, Outcome.CREATED),
                count(lines, Outcome.UPDATED),
                count(lines, Outcome.UNCHANGED),
                count(lines, Outcome.REJECTED),
                lines);
    }

    private static int count(List<Line> lines, Outcome outcome) {
        return (int) lines.stream().filter(l -> l.outcome() == outcome).count();
    }
}
