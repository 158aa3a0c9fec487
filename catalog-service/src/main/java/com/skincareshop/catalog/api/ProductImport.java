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
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The NDJSON bulk import, read as it arrives. Every line is parsed and validated as a PUT would be; the valid ones
 * are stored {@link #BATCH} at a time, in their order, each batch in one transaction (one lock statement, the inserts
 * and the outbox rows sent to PostgreSQL in JDBC batches): a transaction per line spent most of an import on commits.
 * Storing runs on a thread of its own, one batch after another, while the request's thread reads and validates the
 * next batch, so that the database's work and the service's overlap; at most {@link #IN_FLIGHT} batches wait for it,
 * which bounds what an import holds. A bad line costs only itself: it never reaches a batch, and a batch the database
 * refuses (a concurrent write of the same new sku, say) is stored again line by line, each in its own transaction.
 *
 * <p>Since what is read is stored before the rest of the body arrives, a body that goes on past
 * {@code catalog.import.max-lines} lines, or past its {@code skincare.http.body-limit.import} bytes, ends the import
 * there: the report shows what was stored and one rejected line where the import stopped. The report lists at most
 * {@link #MAX_LISTED} violations and warnings in all, so that an import of 20,000 lines that each break fifty rules
 * does not answer with a million of them.
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
    /** Batches read ahead of the one being stored: enough to keep the storing thread busy. */
    static final int IN_FLIGHT = 2;

    private final ObjectMapper json;
    private final Validator validator;
    private final ProductCatalog catalog;
    private final int maxLines;
    private final AtomicInteger imports = new AtomicInteger();

    public ProductImport(ObjectMapper json, Validator validator, ProductCatalog catalog, CatalogConfig config) {
        this.json = json;
        this.validator = validator;
        this.catalog = catalog;
        this.maxLines = config.bulkImport().maxLines();
    }

    public ImportReport run(InputStream body) throws IOException {
        Outcomes outcomes = new Outcomes();
        boolean anyLine = false;
        // the request's trace context goes with every batch, so that the outbox rows keep it
        ExecutorService storing = Context.taskWrapping(Executors.newSingleThreadExecutor(
                runnable -> new Thread(runnable, "product-import-" + imports.incrementAndGet())));
        try {
            Deque<Stored> inFlight = new ArrayDeque<>();
            List<Valid> batch = new ArrayList<>(BATCH);
            NdjsonLines lines = new NdjsonLines(body);
            for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.blank()) {
                    continue;
                }
                anyLine = true;
                if (line.number() > maxLines) {
                    outcomes.add(stopped(
                            line.number(),
                            "is past the " + maxLines + " lines one import takes:"
                                    + " nothing from here was read; send the rest in another import"));
                    break;
                }
                Parsed parsed = parse(line);
                if (parsed.valid() != null) {
                    int slot = outcomes.add(null); // known once its batch is stored
                    batch.add(parsed.valid().at(slot));
                    if (batch.size() == BATCH) {
                        submit(storing, inFlight, batch, outcomes);
                        batch = new ArrayList<>(BATCH);
                    }
                } else {
                    outcomes.add(parsed.rejected());
                }
            }
            if (lines.overLimit()) {
                outcomes.add(stopped(
                        lines.lines() + 1,
                        "is over the import's byte limit from this line on: nothing"
                                + " from here was read; send the rest in another import"));
            }
            submit(storing, inFlight, batch, outcomes);
            while (!inFlight.isEmpty()) {
                inFlight.removeFirst().into(outcomes);
            }
        } finally {
            // a batch already handed over is stored even if the client has gone: it is in the database's hands
            storing.shutdown();
        }
        if (!anyLine) {
            throw ProblemException.invalid(Violations.BODY, "is empty: send one product as JSON per line");
        }
        ImportReport result = ImportReport.of(outcomes.lines);
        LOG.infof(
                "Import: %d lines, %d created, %d updated, %d unchanged, %d rejected",
                result.received(), result.created(), result.updated(), result.unchanged(), result.rejected());
        return result;
    }

    /** A batch being stored: where its lines go in the report, and their outcomes once stored. */
    private record Stored(List<Valid> batch, Future<List<ImportReport.Line>> outcomes) {
        void into(Outcomes report) throws IOException {
            List<ImportReport.Line> stored;
            try {
                stored = outcomes.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the import's batch was stored");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("an import batch failed", e.getCause());
            }
            for (int i = 0; i < batch.size(); i++) {
                report.lines.set(batch.get(i).slot(), stored.get(i));
            }
            report.advance();
        }
    }

    /** Hands the batch to the storing thread, first waiting for the oldest when {@link #IN_FLIGHT} are pending. */
    private void submit(ExecutorService storing, Deque<Stored> inFlight, List<Valid> batch, Outcomes outcomes)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        while (inFlight.size() >= IN_FLIGHT) {
            inFlight.removeFirst().into(outcomes);
        }
        inFlight.addLast(new Stored(batch, storing.submit(() -> store(batch))));
    }

    /** A line that passed validation: its number, its product, and its place in the report. */
    private record Valid(int number, ProductInput input, int slot) {
        Valid at(int slot) {
            return new Valid(number, input, slot);
        }
    }

    /** Either a valid line or its rejection. */
    private record Parsed(Valid valid, ImportReport.Line rejected) {}

    private Parsed parse(NdjsonLines.Line line) {
        int number = line.number();
        if (!line.decoded()) {
            return new Parsed(
                    null,
                    rejected(
                            number,
                            null,
                            List.of(new Violation(Violations.BODY, "is not valid UTF-8: send the file as UTF-8"))));
        }
        ProductInput input;
        try {
            input = json.readValue(line.text(), ProductInput.class);
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

    /** The batch's outcomes, in its order: stored in one transaction or, if the database refuses it, line by line. */
    private List<ImportReport.Line> store(List<Valid> batch) {
        try {
            List<ProductCatalog.Upserted> results = catalog.upsertAll(batch.stream()
                    .map(valid -> new ProductCatalog.Change(valid.input().sku(), valid.input()))
                    .toList());
            List<ImportReport.Line> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(stored(batch.get(i), results.get(i)));
            }
            return outcomes;
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Import: a batch of %d lines from line %d could not be stored (%s); storing them one by one",
                    batch.size(), batch.get(0).number(), e.getClass().getName());
            return batch.stream().map(this::storeAlone).toList();
        }
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

    private static ImportReport.Line stopped(int number, String why) {
        return rejected(number, null, List.of(new Violation(Violations.BODY, why)));
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
     * The report's lines, each bounded by the {@link Listing} as soon as it and every line before it are known,
     * in line order: an import of thousands of bad lines holds at most the listed violations, not all of them
     * until its end. A line stored with a batch is known when the batch is.
     */
    private static final class Outcomes {
        final List<ImportReport.Line> lines = new ArrayList<>();
        private final Listing listing = new Listing();
        private int listed;

        /** Adds the line (null: known later) and returns its place. */
        int add(ImportReport.Line line) {
            lines.add(line);
            advance();
            return lines.size() - 1;
        }

        void advance() {
            while (listed < lines.size() && lines.get(listed) != null) {
                lines.set(listed, listing.bound(lines.get(listed)));
                listed++;
            }
        }
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
