package com.skincareshop.benchmarks.jmh;

import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.testing.SyntheticAnswers;
import com.skincareshop.platform.testing.SyntheticCatalogue;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutinePolicy;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.engine.index.CatalogView;
import com.skincareshop.recommendation.engine.index.FullScanCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routine computed against catalogues of 1k, 10k and 100k products, through the index
 * and through the full scan in the same run. The customers rotate, so no single branch of the engine is measured
 * alone: three typical profiles, or the 1,000 varied customers the HTTP benchmark reads routines for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutineEngineBenchmark {

    @Param({"1000", "10000", "100000"})
    public int catalogueSize;

    /** {@code indexed}: the service's {@link CatalogTable}; {@code full-scan}: every product visited, the reference. */
    @Param({"indexed", "full-scan"})
    public String search;

    /**
     * {@code typical}: three hand-picked customers; {@code synthetic}: 1,000 from {@link SyntheticAnswers} (seed 42,
     * as in the HTTP benchmark): one to three concerns, hands, avoided ingredients, budgets.
     */
    @Param({"typical", "synthetic"})
    public String customerMix;

    private final RoutineEngine engine = new RoutineEngine(RoutinePolicy.defaults());
    private CatalogView catalogue;
    private List<Answers> customers;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        List<ProductState> products = SyntheticCatalogue.generate(catalogueSize, 42);
        if (search.equals("indexed")) {
            CatalogTable table = new CatalogTable();
            products.forEach(table::apply);
            catalogue = table;
        } else {
            catalogue = new FullScanCatalog(products);
        }
        if (customerMix.equals("synthetic")) {
            SyntheticAnswers answers = new SyntheticAnswers(42);
            customers = Stream.generate(() -> answers.nextNormalized(false))
                    .limit(1_000)
                    .toList();
            return;
        }
        customers = List.of(
                // the API documentation's example: oily, 35-44, pores, five hours of sun, a budget
                new Answers(
                        SkinType.OILY,
                        false,
                        AgeBand.AGE_35_44,
                        List.of(Concern.ENLARGED_PORES, Concern.SAGGING_PORES),
                        new BigDecimal("5"),
                        false,
                        List.of("Fragrance"),
                        List.of(Area.FACE),
                        new Money(new BigDecimal("120.00"), "EUR"),
                        true),
                // sensitive, pregnant, brightening
                new Answers(
                        SkinType.DRY,
                        true,
                        AgeBand.AGE_25_34,
                        List.of(Concern.DARK_SPOTS, Concern.DULLNESS),
                        BigDecimal.ONE,
                        true,
                        List.of(),
                        List.of(Area.FACE, Area.HANDS),
                        null,
                        false),
                // corrective, many concerns
                new Answers(
                        SkinType.NORMAL,
                        false,
                        AgeBand.AGE_55_PLUS,
                        List.of(Concern.FIRMNESS, Concern.FINE_LINES, Concern.DEHYDRATION, Concern.UNEVEN_TEXTURE),
                        new BigDecimal("2"),
                        false,
                        List.of("Retinol"),
                        List.of(Area.FACE),
                        null,
                        true));
    }

    @Benchmark
    public Routine routine() {
        Answers answers = customers.get(next++ % customers.size());
        return engine.build("c-bench", 1L, answers, "lv", catalogue);
    }
}
