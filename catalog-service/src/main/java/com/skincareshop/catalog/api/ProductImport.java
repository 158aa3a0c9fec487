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
 * The NDJSON bulk import. Every line is parsed and validated first, as a PUT would be; the valid ones are then
 * stored {@link #BATCH} at a time, in their order, each batch in one transaction (one lock statement, the inserts and
 * the outbox rows sent to PostgreSQL in JDBC batches): a transaction per line spent most of an import on commits. A
 * bad line costs only itself: it never reaches a batch, and a batch the database refuses (a concurrent write of the
 * same new sku, say) is stored again line by line, each in its own transaction. The body is at most
 * {@code skincare.http.body-limit.import} bytes; the report lists at most {@link #MAX_LISTED} violations and warnings
 * in all, so that an import of 20,000 lines that each break fifty rules does not answer with a million of them.
 */
@ApplicationScoped
public class ProductImport {

    private static final Logger LOG = Logger.getLogger(ProductImport.class);
    static final int MAX_LISTED = 1_000;
    /**
     * Lines per transaction: 500 imported new lines about a fifth faster than 200 (docs/PERFORMANCE.md, "Bulk
     * import"); a larger batch holds its row locks longer, and a refused one costs more lines stored one by one.
     */
    static final int BATCH = 500;

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
        List<ImportReport.Line> outcomes = new ArrayList<>();
        List<Valid> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Parsed parsed = parse(i + 1, lines.get(i));
            if (parsed.valid() != null) {
                outcomes.add(null); // stored with its batch
                batch.add(parsed.valid().at(outcomes.size() - 1));
                if (batch.size() == BATCH) {
                    store(batch, outcomes);
                }
            } else {
                outcomes.add(parsed.rejected());
            }
        }
        store(batch, outcomes);
        Listing listing = new Listing();
        ImportReport result =
                ImportReport.of(outcomes.stream().map(listing::bound).toList());
        LOG.infof(
                "Import: %d lines, %d created, %d updated, %d unchanged, %d rejected",
                result.received(), result.created(), result.updated(), result.unchanged(), result.rejected());
        return result;
    }

    /** A line that passed validation: its number, its product, and its place in the report. */
    private record Valid(int number, ProductInput input, int slot) {
        Valid at(int slot) {
            return new Valid(number, input, slot);
        }
    }

    /** Either a valid line or its rejection. */
    private record Parsed(Valid valid, ImportReport.Line rejected) {}

    private Parsed parse(int number, String line) {
        ProductInput input;
        try {
            input = json.readValue(line, ProductInput.class);
        } catch (JsonProcessingException e) {
            return new Parsed(null, rejected(number, null, List.of(Violations.of(e))));
        }
        if (input == null) {
            return new Parsed(
                    null, rejected(number, null, List.of(new Violation(Violations.BODY, "must be a JSON object"))));
        }
        List<Violation> violations =
                new ArrayList<>(Violations.of(validator.validate(input, ProductInput.SizesFirst.class)));
        if (input.sku() == null) {
            violations.add(new Violation("sku", "is required on every import line"));
        }
        if (!violations.isEmpty()) {
            return new Parsed(null, rejected(number, input.sku(), violations));
        }
        return new Parsed(new Valid(number, input, -1), null);
    }

    /** Stores the batch in one transaction, or, if the database refuses it, line by line; then empties it. */
    private void store(List<Valid> batch, List<ImportReport.Line> outcomes) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<ProductCatalog.Upserted> results = catalog.upsertAll(batch.stream()
                    .map(valid -> new ProductCatalog.Change(valid.input().sku(), valid.input()))
                    .toList());
            for (int i = 0; i < batch.size(); i++) {
                outcomes.set(batch.get(i).slot(), stored(batch.get(i), results.get(i)));
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Import: a batch of %d lines from line %d could not be stored (%s); storing them one by one",
                    batch.size(), batch.get(0).number(), e.getClass().getName());
            for (Valid valid : batch) {
                outcomes.set(valid.slot(), storeAlone(valid));
            }
        }
        batch.clear();
    }

    private static ImportReport.Line stored(Valid valid, ProductCatalog.Upserted result) {
        return new ImportReport.Line(
                valid.number(),
                valid.input().sku(),
                ImportReport.Outcome.valueOf(result.outcome().name()),
                result.product().version(),
                List.of(),
                warnings(result.product()));
    }

    /** One line in a transaction of its own, as a PUT: what the database refuses costs only this line. */
    private ImportReport.Line storeAlone(Valid valid) {
        int number = valid.number();
        ProductInput input = valid.input();
        try {
            return stored(valid, catalog.upsert(input.sku(), input, IfMatch.NONE));
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
