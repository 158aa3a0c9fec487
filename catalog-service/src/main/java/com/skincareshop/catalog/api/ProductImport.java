package com.skincareshop.catalog.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.catalog.CatalogConfig;
import com.skincareshop.catalog.domain.IfMatch;
import com.skincareshop.catalog.domain.ProductCatalog;
import com.skincareshop.catalog.domain.ProductInput;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.validation.ViolationList;
import com.skincareshop.platform.problem.ProblemException;
import com.skincareshop.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The NDJSON bulk import. Each line is parsed, validated and stored in a transaction of its own, exactly as a PUT
 * would be, so that one bad line costs only itself. The body is at most {@code skincare.http.body-limit.import}
 * bytes; the report lists at most {@link #MAX_LISTED} violations and warnings in all, so that an import of 20,000
 * lines that each break fifty rules does not answer with a million of them.
 */
@ApplicationScoped
public class ProductImport {

    private static final Logger LOG = Logger.getLogger(ProductImport.class);
    static final int MAX_LISTED = 1_000;

    private final ObjectMapper json;
    private final Validator validator;
    private final ProductCatalog catalog;
    private final int maxLines;

    public ProductImport(ObjectMapper json, Validator validator, ProductCatalog catalog, CatalogConfig config) {
        this.json = json;
        this.validator = validator;
        this.catalog = catalog;
        this.maxLines = config.bulkImport().maxLines();
    }

    public ImportReport run(InputStream body) throws IOException {
        List<String> lines = readLines(body);
        if (lines.stream().allMatch(String::isBlank)) {
            throw ProblemException.invalid(Violations.BODY, "is empty: send one product as JSON per line");
        }
        if (lines.size() > maxLines) {
            throw ProblemException.invalid(
                    Violations.BODY,
                    "has " + lines.size() + " lines; at most " + maxLines + " are accepted in one import");
        }
        List<ImportReport.Line> report = new ArrayList<>();
        Listing listing = new Listing();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                report.add(listing.bound(importLine(i + 1, lines.get(i))));
            }
        }
        ImportReport result = ImportReport.of(report);
        LOG.infof(
                "Import: %d lines, %d created, %d updated, %d unchanged, %d rejected",
                result.received(), result.created(), result.updated(), result.unchanged(), result.rejected());
        return result;
    }

    private ImportReport.Line importLine(int number, String line) {
        ProductInput input;
        try {
            input = json.readValue(line, ProductInput.class);
        } catch (JsonProcessingException e) {
            return rejected(number, null, List.of(Violations.of(e)));
        }
        if (input == null) {
            return rejected(number, null, List.of(new Violation(Violations.BODY, "must be a JSON object")));
        }
        List<Violation> violations =
                new ArrayList<>(Violations.of(validator.validate(input, ProductInput.SizesFirst.class)));
        if (input.sku() == null) {
            violations.add(new Violation("sku", "is required on every import line"));
        }
        if (!violations.isEmpty()) {
            return rejected(number, input.sku(), violations);
        }
        try {
            ProductCatalog.Upserted result = catalog.upsert(input.sku(), input, IfMatch.NONE);
            return new ImportReport.Line(
                    number,
                    input.sku(),
                    ImportReport.Outcome.valueOf(result.outcome().name()),
                    result.product().version(),
                    List.of(),
                    warnings(result.product()));
        } catch (ProblemException e) {
            return rejected(
                    number,
                    input.sku(),
                    e.problem().violations().isEmpty()
                            ? List.of(new Violation(Violations.BODY, e.problem().detail()))
                            : e.problem().violations());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Import line %d (sku %s) could not be stored: %s",
                    number, input.sku(), e.getClass().getName());
            return rejected(
                    number,
                    input.sku(),
                    List.of(new Violation(Violations.BODY, "could not be stored; retry the line")));
        }
    }

    private static ImportReport.Line rejected(int number, String sku, List<Violation> violations) {
        return new ImportReport.Line(number, sku, ImportReport.Outcome.REJECTED, null, violations, List.of());
    }

    /**
     * The ingredients the INCI dictionary does not know, at their place in the line. A warning, not a rejection: the
     * name may be a new ingredient, but it is often a misspelling that every safety rule (pregnancy, fragrance,
     * "avoid ...") then reads past.
     */
    private static List<Violation> warnings(ProductState product) {
        Set<String> unrecognized = Set.copyOf(product.unrecognizedIngredients());
        List<Violation> warnings = new ArrayList<>();
        for (int i = 0; i < product.ingredients().size(); i++) {
            String inci = product.ingredients().get(i).inci();
            if (unrecognized.contains(inci)) {
                warnings.add(new Violation(
                        "ingredients[" + i + "].inci",
                        "'" + inci + "' is not in the INCI"
                                + " dictionary: stored, but no safety rule can read it; check the spelling"));
            }
        }
        return warnings;
    }

    /**
     * Strict UTF-8: a body in another encoding is refused rather than stored as mojibake. A body over its limit
     * throws {@code BodyTooLargeException} (a 413).
     */
    private static List<String> readLines(InputStream body) throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid(Violations.BODY, "is not valid UTF-8");
        }
        return lines;
    }

    /** What is left of one report's {@link #MAX_LISTED} violations and warnings. */
    private static final class Listing {
        private int room = MAX_LISTED;

        ImportReport.Line bound(ImportReport.Line line) {
            List<Violation> violations = take(line.violations());
            List<Violation> warnings = take(line.warnings());
            return new ImportReport.Line(line.line(), line.sku(), line.outcome(), line.version(), violations, warnings);
        }

        private List<Violation> take(List<Violation> found) {
            if (found.isEmpty()) {
                return found;
            }
            List<Violation> listed = ViolationList.of(found, Math.min(room, ViolationList.MAX_LISTED));
            room -= ViolationList.isTruncated(listed) ? listed.size() - 1 : listed.size();
            return listed;
        }
    }
}
