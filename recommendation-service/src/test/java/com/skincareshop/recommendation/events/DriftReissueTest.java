package com.skincareshop.recommendation.events;

import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.recommendation.RoutineIssued;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.kafka.DeadLetters;
import com.skincareshop.platform.kafka.KafkaClientConfig;
import com.skincareshop.platform.lifecycle.Daemons;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import com.skincareshop.recommendation.domain.RecommendationIssuer;
import com.skincareshop.recommendation.domain.RoutineDrift;
import com.skincareshop.recommendation.domain.RoutineService;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.Publisher;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routines issued to consenting customers follow the catalogue: through the real broker, the real PostgreSQL, the
 * service's own drift worker and further workers and loaders standing for other replicas.
 *
 * <p>Each test has a catalogue of its own inside the shared one: its products suit combination skin only (no other
 * test's customer has it), hold none of the water every other test product holds, and carry the test's marker
 * ingredient; its customers have combination skin and avoid water and the other tests' markers. So only the test's
 * own products can be recommended to its customers, and to no one else.
 */
@RecommendationTest
class DriftReissueTest {

    private static final List<String> MARKERS =
            List.of("Butylene Glycol", "Propanediol", "Pentylene Glycol", "Squalane", "Sorbitol", "Xylitol");

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    RecommendationIssuer issuer;

    @Inject
    CustomerProfiles profiles;

    @Inject
    EntityManager entityManager;

    @Inject
    RoutineEngine engine;

    @Inject
    EventDecoder decoder;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @Identifier(KafkaClientConfig.DEFAULT_BROKER)
    Map<String, Object> kafka;

    @Inject
    Clock clock;

    private Publisher publisher;
    private String suffix;

    @BeforeEach
    void baseline() {
        Baseline.ensure(broker, json, table);
        publisher = new Publisher(broker, json);
        suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aDiscontinuedSerumIsReplacedInTheRoutinesThatUseItAndNobodyElseIsRebuilt() throws Exception {
        String marker = MARKERS.get(0);
        ProductState cleanser = mine(marker, "CLN", Category.CLEANSER, "9.00", null, null);
        ProductState serum = mine(marker, "SER-HA", Category.SERUM, "20.00", "Sodium Hyaluronate", "1");
        ProductState weaker = mine(marker, "SER-PHA", Category.SERUM, "18.00", "Gluconolactone", "5");
        publish(cleanser, serum, weaker);
        List<String> users = List.of(customer(), customer());
        String other = customer();
        users.forEach(c -> publisher.profile(c, 1, answers(marker, true), "en"));
        publisher.profile(other, 1, answers(marker, true, "Sodium Hyaluronate"), "lv");

        for (String user : users) {
            assertThat(skus(await(user, 1).get(0)))
                    .as("the premise")
                    .contains(serum.sku())
                    .doesNotContain(weaker.sku());
        }
        RoutineIssued otherFirst = await(other, 1).get(0);
        assertThat(skus(otherFirst)).as("the premise").contains(weaker.sku()).doesNotContain(serum.sku());
        Instant otherEvaluated = evaluatedAt(other);
        awaitQuiet();
        double rebuiltBefore = counter("recommendation.drift.reevaluated", "trigger", "product-change");
        double discontinuedBefore = reissues(Cause.DISCONTINUED);

        publisher.product(Baseline.changed(serum, ProductStatus.DISCONTINUED, serum.stock(), "20.00"));

        ConsumerRecord<String, String> record = awaitRecords(users.get(0), 2).get(1);
        EventContracts.assertMatchesSample(Topics.RECOMMENDATIONS_ISSUED, "routine-reissued.json", record.value());
        EventContracts.assertHeaders(record, "routineIssued");
        for (String user : users) {
            List<RoutineIssued> issued = await(user, 2);
            RoutineIssued first = issued.get(0);
            RoutineIssued reissued = issued.get(1);
            assertThat(skus(reissued)).doesNotContain(serum.sku()).contains(weaker.sku(), cleanser.sku());
            assertThat(reissued.cause()).isEqualTo(Cause.DISCONTINUED);
            assertThat(reissued.revision()).isGreaterThan(first.revision());
            assertThat(reissued.version()).as("the same profile version").isEqualTo(first.version());
            assertThat(first.cause()).isEqualTo(Cause.PROFILE);
            assertThat(issuer.snapshots(user))
                    .extracting(s -> s.cause())
                    .containsExactly(Cause.PROFILE, Cause.DISCONTINUED);
        }
        awaitQuiet();
        assertThat(read(other, Duration.ofMillis(500)))
                .as("a customer not using the serum gets nothing new")
                .containsExactly(otherFirst);
        assertThat(evaluatedAt(other)).as("and is not even rebuilt").isEqualTo(otherEvaluated);
        assertThat(counter("recommendation.drift.reevaluated", "trigger", "product-change") - rebuiltBefore)
                .as("only the serum's customers were rebuilt")
                .isEqualTo(users.size());
        assertThat(reissues(Cause.DISCONTINUED) - discontinuedBefore).isEqualTo(users.size());
    }

    @Test
    void priceStockAndInciChangesAreReissuedACopyChangeIsNotAndNothingLeftIsTheTombstone() throws Exception {
        String marker = MARKERS.get(1);
        ProductState cleanser = mine(marker, "CLN", Category.CLEANSER, "9.00", null, null);
        ProductState serum = mine(marker, "SER-HA", Category.SERUM, "20.00", "Sodium Hyaluronate", "1");
        ProductState weaker = mine(marker, "SER-PHA", Category.SERUM, "18.00", "Gluconolactone", "5");
        publish(cleanser, serum, weaker);
        String customer = customer();
        publisher.profile(customer, 1, answers(marker, true), "en");
        assertThat(skus(await(customer, 1).get(0))).as("the premise").contains(serum.sku(), cleanser.sku());

        // copy only: new names and description, same sku, slot and price: the stored version moves, nothing is issued
        ProductState renamed = renamed(serum);
        publish(renamed);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> storedVersion(customer, serum.sku()) == renamed.version());
        assertThat(read(customer, Duration.ofMillis(300))).hasSize(1);

        ProductState dearer = Baseline.changed(renamed, ProductStatus.ACTIVE, renamed.stock(), "22.00");
        publisher.product(dearer);
        RoutineIssued priced = await(customer, 2).get(1);
        assertThat(priced.cause()).isEqualTo(Cause.PRICE);
        assertThat(priced.steps())
                .filteredOn(s -> s.sku().equals(serum.sku()))
                .extracting(RoutineIssued.IssuedStep::productVersion)
                .containsOnly(dearer.version());

        publisher.product(Baseline.changed(dearer, ProductStatus.ACTIVE, 0, "22.00"));
        RoutineIssued soldOut = await(customer, 3).get(2);
        assertThat(soldOut.cause()).isEqualTo(Cause.OUT_OF_STOCK);
        assertThat(skus(soldOut)).doesNotContain(serum.sku()).contains(weaker.sku());
        assertThat(soldOut.revision()).isGreaterThan(priced.revision());

        ProductState perfumed = withInci(weaker, "Parfum");
        publisher.product(perfumed);
        RoutineIssued inci = await(customer, 4).get(3);
        assertThat(inci.cause()).isEqualTo(Cause.INGREDIENTS);
        assertThat(skus(inci)).as("still fit for this customer, and re-issued").contains(weaker.sku());

        publisher.product(Baseline.changed(cleanser, ProductStatus.DISCONTINUED, cleanser.stock(), "9.00"));
        assertThat(await(customer, 5).get(4).cause()).isEqualTo(Cause.DISCONTINUED);
        publisher.product(Baseline.changed(perfumed, ProductStatus.DISCONTINUED, perfumed.stock(), "18.00"));
        List<ConsumerRecord<String, String>> records = awaitRecords(customer, 6);
        assertThat(records.get(5).value())
                .as("nothing can be recommended: the withdrawal tombstone")
                .isNull();
        EventContracts.assertHeaders(records.get(5), "routineWithdrawn");
        assertThat(reissues(Cause.DISCONTINUED, "tombstone")).isPositive();
    }

    @Test
    void customersWithoutConsentAndErasedCustomersAreNeverIssuedAnything() throws Exception {
        String marker = MARKERS.get(2);
        ProductState serum = mine(marker, "SER-HA", Category.SERUM, "20.00", "Sodium Hyaluronate", "1");
        ProductState weaker = mine(marker, "SER-PHA", Category.SERUM, "18.00", "Gluconolactone", "5");
        publish(serum, weaker);
        String consenting = customer();
        String withoutConsent = customer();
        String erased = customer();
        publisher.profile(consenting, 1, answers(marker, true), "en");
        publisher.profile(withoutConsent, 1, answers(marker, false), "en");
        publisher.profile(erased, 1, answers(marker, true), "en");
        await(consenting, 1);
        await(erased, 1);
        publisher.erase(erased, 2);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> profiles.find(erased).isEmpty());
        assertThat(issuedRows(erased)).isZero();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> profiles.find(withoutConsent).isPresent());

        publisher.product(Baseline.changed(serum, ProductStatus.DISCONTINUED, serum.stock(), "20.00"));
        assertThat(await(consenting, 2).get(1).cause()).isEqualTo(Cause.DISCONTINUED);
        awaitQuiet();

        assertThat(read(withoutConsent, Duration.ofMillis(300)))
                .as("never issued anything")
                .isEmpty();
        List<ConsumerRecord<String, String>> erasedRecords = awaitRecords(erased, 2);
        assertThat(erasedRecords)
                .as("issued, then the erasure's tombstone, then nothing")
                .hasSize(2);
        assertThat(erasedRecords.get(1).value()).isNull();
    }

    /** Each catalogue change is seen by every replica; each affected customer is re-issued once. */
    @Test
    void twoMoreDriftWorkersOnTheSameDatabaseReissueEachAffectedCustomerOnce() throws Exception {
        String marker = MARKERS.get(3);
        ProductState serum = mine(marker, "SER-HA", Category.SERUM, "20.00", "Sodium Hyaluronate", "1");
        publish(serum);
        List<String> customers =
                IntStream.range(0, 24).mapToObj(i -> customer()).toList();
        customers.forEach(c -> publisher.profile(c, 1, answers(marker, true), "en"));
        Map<String, List<RoutineIssued>> first = awaitAll(customers, 1);
        assertThat(first.values()).allSatisfy(r -> assertThat(skus(r.get(0))).contains(serum.sku()));

        List<SimpleMeterRegistry> registries = List.of(new SimpleMeterRegistry(), new SimpleMeterRegistry());
        List<RoutineDrift> workers = registries.stream()
                .map(registry -> new RoutineDrift(
                        entityManager,
                        json,
                        issuer,
                        table,
                        new RoutineService(engine, table, registry),
                        registry,
                        clock,
                        new RoutineDrift.Settings(3, Duration.ofMillis(50), Duration.ofHours(1), 0),
                        "unused"))
                .toList();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = workers.stream()
                .map(worker -> new Thread(
                        () -> {
                            while (running.get()) {
                                worker.workQueue();
                                Daemons.pause(Duration.ofMillis(20));
                            }
                        },
                        "test-drift-worker"))
                .toList();
        threads.forEach(Thread::start);
        double priceBefore = reissues(Cause.PRICE);
        try {
            publisher.product(Baseline.changed(serum, ProductStatus.ACTIVE, serum.stock(), "23.00"));
            awaitAll(customers, 2);
            awaitQuiet();
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
        Map<String, List<RoutineIssued>> after = readAll(customers, Duration.ofMillis(500));
        assertThat(after.values()).allSatisfy(issued -> {
            assertThat(issued).hasSize(2);
            assertThat(issued.get(1).cause()).isEqualTo(Cause.PRICE);
            assertThat(issued.get(1).revision()).isGreaterThan(issued.get(0).revision());
        });
        double byExtraWorkers = registries.stream()
                .mapToDouble(r -> r.get("recommendation.reissues")
                        .tag("cause", "price")
                        .tag("record", "routine")
                        .counter()
                        .count())
                .sum();
        assertThat(reissues(Cause.PRICE) - priceBefore + byExtraWorkers)
                .as("once each, whoever did it")
                .isEqualTo(customers.size());
    }

    /**
     * A replica that starts replays the catalogue from the beginning: that re-issues nobody. A change no replica
     * saw (all were down) is caught by the reconciliation after a start.
     */
    @Test
    void aReplayReissuesNobodyAndAChangeMissedByEveryReplicaIsReconciledAfterAStart() throws Exception {
        String marker = MARKERS.get(4);
        ProductState cleanser = mine(marker, "CLN", Category.CLEANSER, "9.00", null, null);
        ProductState serum = mine(marker, "SER-HA", Category.SERUM, "20.00", "Sodium Hyaluronate", "1");
        publish(cleanser, serum);
        String customer = customer();
        publisher.profile(customer, 1, answers(marker, true), "en");
        await(customer, 1);
        // the topic holds the serum at two prices: a replica replaying it passes the older one
        ProductState dearer = Baseline.changed(serum, ProductStatus.ACTIVE, serum.stock(), "22.00");
        publisher.product(dearer);
        assertThat(await(customer, 2).get(1).cause()).isEqualTo(Cause.PRICE);
        awaitQuiet();

        Replica replay = Replica.start(this, "replay");
        try {
            replay.awaitReconciled();
            assertThat(replay.counter("recommendation.drift.queued"))
                    .as("nothing drifted")
                    .isZero();
            awaitQuiet();
            assertThat(read(customer, Duration.ofMillis(300)))
                    .as("re-issued to nobody")
                    .hasSize(2);
        } finally {
            replay.stop();
        }

        // every replica "down" for this change: none can take the customer, and then nobody remembers it
        ProductState cheaper = Baseline.changed(dearer, ProductStatus.ACTIVE, dearer.stock(), "19.00");
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select =
                    lock.prepareStatement("select 1 from customer_profile where customer_id = ? for update")) {
                select.setString(1, customer);
                select.executeQuery().close();
            }
            publisher.product(cheaper);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queued(serum.sku()));
            sql("delete from catalog_drift where sku = '" + serum.sku() + "'");
            Thread.sleep(500); // a round that read the row before it went has finished
            lock.rollback();
        }
        assertThat(read(customer, Duration.ofSeconds(1)))
                .as("the change is lost without a reconciliation")
                .hasSize(2);
        assertThat(storedVersion(customer, serum.sku())).isEqualTo(dearer.version());

        Replica restarted = Replica.start(this, "restarted");
        try {
            restarted.awaitReconciled();
            assertThat(restarted.counter("recommendation.drift.queued"))
                    .as("the reconciliation found it")
                    .isGreaterThanOrEqualTo(1);
            RoutineIssued reconciled = await(customer, 3).get(2);
            assertThat(reconciled.cause()).isEqualTo(Cause.PRICE);
            assertThat(reconciled.steps())
                    .filteredOn(s -> s.sku().equals(serum.sku()))
                    .extracting(RoutineIssued.IssuedStep::productVersion)
                    .containsOnly(cheaper.version());
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aClearlyBetterProductReachesTheCustomersItImprovesThroughARateBoundSweep() throws Exception {
        String marker = MARKERS.get(5);
        ProductState cleanser = mine(marker, "CLN", Category.CLEANSER, "9.00", null, null);
        ProductState weaker = mine(marker, "SER-PHA", Category.SERUM, "18.00", "Gluconolactone", "5");
        publish(cleanser, weaker);
        String improved = customer();
        String unchanged = customer();
        String withoutConsent = customer();
        publisher.profile(improved, 1, answers(marker, true), "en");
        publisher.profile(unchanged, 1, answers(marker, true, "Sodium Hyaluronate"), "en");
        publisher.profile(withoutConsent, 1, answers(marker, false), "en");
        List<String> others = IntStream.range(0, 40).mapToObj(i -> customer()).toList();
        others.forEach(c -> publisher.profile(c, 1, answers(marker, true, "Sodium Hyaluronate"), "en"));
        List<String> consenting = new ArrayList<>(others);
        consenting.add(improved);
        consenting.add(unchanged);
        Map<String, List<RoutineIssued>> first = awaitAll(consenting, 1);
        assertThat(skus(first.get(improved).get(0))).as("the premise").contains(weaker.sku());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> profiles.find(withoutConsent).isPresent());
        awaitQuiet();

        ProductState better = mine(marker, "SER-HA", Category.SERUM, "20.00", "Sodium Hyaluronate", "1");
        List<double[]> samples = new ArrayList<>();
        double sweptBefore = counter("recommendation.drift.reevaluated", "trigger", "sweep");
        long start = System.nanoTime();
        publisher.product(better);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    samples.add(new double[] {
                        (System.nanoTime() - start) / 1e9,
                        counter("recommendation.drift.reevaluated", "trigger", "sweep") - sweptBefore
                    });
                    return sweepIdle() && samples.get(samples.size() - 1)[1] >= consenting.size();
                });

        RoutineIssued reissued = await(improved, 2).get(1);
        assertThat(reissued.cause()).isEqualTo(Cause.NEW_PRODUCT);
        assertThat(skus(reissued)).contains(better.sku()).doesNotContain(weaker.sku());
        List<String> notImproved = new ArrayList<>(others);
        notImproved.add(unchanged);
        assertThat(readAll(notImproved, Duration.ofMillis(300)).values())
                .as("their routine is the same: nothing new")
                .allSatisfy(issued -> assertThat(issued).hasSize(1));
        assertThat(read(withoutConsent, Duration.ofMillis(100))).isEmpty();
        // at most rate x time + one batch in every window (5% for the clocks: the next batch is due a second after
        // the last one's statement, its count lands at its commit); the rate is 40 a second in tests
        double rate = 40;
        for (double[] early : samples) {
            for (double[] late : samples) {
                if (late[0] > early[0]) {
                    assertThat(late[1] - early[1])
                            .as("customers swept between %.2f s and %.2f s", early[0], late[0])
                            .isLessThanOrEqualTo(rate * (late[0] - early[0]) * 1.05 + rate);
                }
            }
        }
        double[] last = samples.get(samples.size() - 1);
        assertThat(last[0])
                .as("a lap over %s customers at 40 a second", last[1])
                .isGreaterThan((last[1] - rate) / rate);

        // sold out, the routine goes back; back in stock, the sweep brings it again
        ProductState soldOut = Baseline.changed(better, ProductStatus.ACTIVE, 0, "20.00");
        publisher.product(soldOut);
        assertThat(await(improved, 3).get(2).cause()).isEqualTo(Cause.OUT_OF_STOCK);
        publisher.product(Baseline.changed(soldOut, ProductStatus.ACTIVE, 5, "20.00"));
        RoutineIssued back = await(improved, 4, Duration.ofSeconds(30)).get(3);
        assertThat(back.cause()).isEqualTo(Cause.NEW_PRODUCT);
        assertThat(skus(back)).contains(better.sku());
    }

    // --- a further replica: its own catalogue table, loader and drift worker, on the same database -----------------

    private record Replica(CatalogTableLoader loader, RoutineDrift drift, SimpleMeterRegistry registry) {
        static Replica start(DriftReissueTest test, String name) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CatalogTable table = new CatalogTable();
            RoutineDrift drift = new RoutineDrift(
                    test.entityManager,
                    test.json,
                    test.issuer,
                    table,
                    new RoutineService(test.engine, table, registry),
                    registry,
                    test.clock,
                    new RoutineDrift.Settings(10, Duration.ofMillis(200), Duration.ofHours(1), 0),
                    "routine-drift-" + name);
            CatalogTableLoader loader = new CatalogTableLoader(
                    table,
                    drift,
                    test.decoder,
                    test.deadLetters,
                    test.kafka,
                    registry,
                    "recommendation-service",
                    Duration.ofSeconds(30),
                    "catalog-table-" + name);
            drift.start();
            loader.start();
            return new Replica(loader, drift, registry);
        }

        void awaitReconciled() {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> loader.caughtUp() && counter("recommendation.drift.reconciliations") >= 1);
        }

        double counter(String name) {
            return registry.get(name).counter().count();
        }

        void stop() {
            loader.stop();
            drift.stop();
        }
    }

    // --- the test's catalogue and customers ------------------------------------------------------------------------

    /** A product of the test's own catalogue: combination skin only, no water, the marker. */
    private ProductState mine(
            String marker, String name, Category category, String price, String inci, String percent) {
        var builder = product("D" + MARKERS.indexOf(marker) + "-" + name + "-" + suffix, category, price)
                .skinTypes(SkinType.COMBINATION);
        if (inci != null) {
            builder.inci(inci, percent);
        }
        ProductState built = builder.build();
        List<Ingredient> ingredients =
                new ArrayList<>(List.of(new Ingredient("Glycerin", null), new Ingredient(marker, null)));
        built.ingredients().stream().filter(i -> !i.inci().equals("Aqua")).forEach(ingredients::add);
        return copy(built, built.version(), ingredients, built.names());
    }

    private static Answers answers(String marker, boolean consent, String... alsoAvoided) {
        List<String> avoided = new ArrayList<>(List.of("Aqua"));
        MARKERS.stream().filter(m -> !m.equals(marker)).forEach(avoided::add);
        avoided.addAll(List.of(alsoAvoided));
        return new Answers(
                SkinType.COMBINATION,
                false,
                AgeBand.AGE_25_34,
                List.of(Concern.DEHYDRATION),
                BigDecimal.ONE,
                false,
                avoided,
                List.of(Area.FACE),
                null,
                consent);
    }

    private static ProductState renamed(ProductState p) {
        return copy(p, p.version() + 1, p.ingredients(), Map.of("en", p.sku() + " renamed", "lv", p.sku() + " jauns"));
    }

    private static ProductState withInci(ProductState p, String inci) {
        List<Ingredient> ingredients = new ArrayList<>(p.ingredients());
        ingredients.add(new Ingredient(inci, null));
        return copy(p, p.version() + 1, ingredients, p.names());
    }

    private static ProductState copy(
            ProductState p, long version, List<Ingredient> ingredients, Map<String, String> names) {
        return new ProductState(
                        p.sku(),
                        version,
                        p.status(),
                        p.category(),
                        p.brand(),
                        names,
                        names,
                        ingredients,
                        p.actives(),
                        p.containsFragrance(),
                        p.concerns(),
                        p.skinTypes(),
                        p.areas(),
                        p.timeOfDay(),
                        p.spf(),
                        p.format(),
                        p.texture(),
                        p.size(),
                        p.price(),
                        p.stock(),
                        p.updatedAt(),
                        p.unrecognizedIngredients())
                .withDerivedIngredients();
    }

    private void publish(ProductState... products) {
        for (ProductState product : products) {
            publisher.product(product);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> List.of(products).stream()
                        .allMatch(p -> table.find(p.sku())
                                .map(held -> held.version() >= p.version())
                                .orElse(false)));
    }

    private static String customer() {
        return "c-drift-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static List<String> skus(RoutineIssued issued) {
        return issued.steps().stream().map(RoutineIssued.IssuedStep::sku).toList();
    }

    // --- what was issued ---------------------------------------------------------------------------------------

    private List<RoutineIssued> await(String customer, int count) {
        return await(customer, count, Duration.ofSeconds(20));
    }

    private List<RoutineIssued> await(String customer, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = readRecords(
                        Set.of(customer),
                        found -> found.getOrDefault(customer, List.of()).size() >= count,
                        timeout)
                .getOrDefault(customer, List.of());
        assertThat(records).as("records issued to " + customer).hasSizeGreaterThanOrEqualTo(count);
        return records.stream().map(this::value).toList();
    }

    private List<ConsumerRecord<String, String>> awaitRecords(String customer, int count) {
        return readRecords(
                        Set.of(customer),
                        found -> found.getOrDefault(customer, List.of()).size() >= count,
                        Duration.ofSeconds(20))
                .getOrDefault(customer, List.of());
    }

    private Map<String, List<RoutineIssued>> awaitAll(List<String> customers, int count) {
        Map<String, List<ConsumerRecord<String, String>>> records = readRecords(
                Set.copyOf(customers),
                found -> customers.stream()
                        .allMatch(c -> found.getOrDefault(c, List.of()).size() >= count),
                Duration.ofSeconds(30));
        Map<String, List<RoutineIssued>> issued = new HashMap<>();
        for (String customer : customers) {
            List<ConsumerRecord<String, String>> mine = records.getOrDefault(customer, List.of());
            assertThat(mine).as("records issued to " + customer).hasSizeGreaterThanOrEqualTo(count);
            issued.put(customer, mine.stream().map(this::value).toList());
        }
        return issued;
    }

    /** Everything issued to the customer so far, read for at least {@code settle}. */
    private List<RoutineIssued> read(String customer, Duration settle) {
        return readAll(List.of(customer), settle).getOrDefault(customer, List.of());
    }

    private Map<String, List<RoutineIssued>> readAll(List<String> customers, Duration settle) {
        Instant until = Instant.now().plus(settle);
        Map<String, List<ConsumerRecord<String, String>>> records =
                readRecords(Set.copyOf(customers), found -> Instant.now().isAfter(until), settle.plusSeconds(10));
        return records.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream().map(this::value).toList()));
    }

    /** Reads the issued topic from the beginning until {@code done} holds for the records of these keys. */
    private Map<String, List<ConsumerRecord<String, String>>> readRecords(
            Set<String> keys, Predicate<Map<String, List<ConsumerRecord<String, String>>>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, List<ConsumerRecord<String, String>>> found = new HashMap<>();
        // as the marketing pipeline reads it
        Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaAccess.MARKETING));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.RECOMMENDATIONS_ISSUED, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (keys.contains(record.key())) {
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(record);
                    }
                }
                boolean readToEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (readToEnd && done.test(found)) {
                    return found;
                }
                if (readToEnd) {
                    end.putAll(consumer.endOffsets(partitions));
                }
            }
        }
        return found;
    }

    private RoutineIssued value(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : json.readValue(record.value(), RoutineIssued.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the database and the metrics --------------------------------------------------------------------------

    /** No drift queued and no sweep running: nothing re-evaluates anybody until the next catalogue change. */
    private void awaitQuiet() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sweepIdle() && count("select count(*) from catalog_drift") == 0);
    }

    private boolean sweepIdle() throws SQLException {
        return count("select count(*) from routine_sweep where position is null") == 1;
    }

    private boolean queued(String sku) throws SQLException {
        return count("select count(*) from catalog_drift where sku = '" + sku + "'") == 1;
    }

    private long storedVersion(String customer, String sku) throws SQLException {
        return count("select coalesce(max(product_version), 0) from issued_product where customer_id = '" + customer
                + "' and sku = '" + sku + "'");
    }

    private long issuedRows(String customer) throws SQLException {
        return count("select (select count(*) from issued_routine where customer_id = '" + customer + "')"
                + " + (select count(*) from issued_product where customer_id = '" + customer + "')");
    }

    private Instant evaluatedAt(String customer) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select evaluated_at from issued_routine where customer_id = ?")) {
            select.setString(1, customer);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("an issued record for " + customer).isTrue();
                return row.getTimestamp(1).toInstant();
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            update.executeUpdate();
        }
    }

    private double counter(String name, String tag, String value) {
        return metrics.get(name).tag(tag, value).counter().count();
    }

    private double reissues(Cause cause) {
        return reissues(cause, "routine");
    }

    private double reissues(Cause cause, String record) {
        return metrics.get("recommendation.reissues")
                .tag("cause", cause.tag())
                .tag("record", record)
                .counter()
                .count();
    }
}
