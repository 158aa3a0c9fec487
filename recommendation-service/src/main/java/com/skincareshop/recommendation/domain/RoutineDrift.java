package com.skincareshop.recommendation.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.platform.lifecycle.Daemons;
import com.skincareshop.platform.lifecycle.Heartbeats;
import com.skincareshop.platform.persistence.FailureDescription;
import com.skincareshop.recommendation.RecommendationConfig;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps the routines issued to consenting customers in step with the catalogue (docs/design.md, "Drift").
 *
 * <p>Every replica sees every catalogue change. Once its table has caught up, each change to a product is written to
 * the drift queue ({@code catalog_drift}: the sku and its new version, if a customer's issued record holds an older
 * one); the same upsert from every replica is one row. Any replica then works the row off in batches of
 * {@code recommendation.drift.batch-size} customers, one transaction each: the customers holding the older version
 * are locked ({@code for update skip locked} on their profile rows, which a profile change and an erasure lock too),
 * built again and re-issued where what marketing sees changed ({@link RecommendationIssuer#reevaluate}). Each
 * re-evaluated customer stores the versions it was evaluated at, so the row's customers are found once, by whichever
 * replica locks them first; the row goes when none holds an older version.
 *
 * <p>What the table read while catching up is never a change: a replica that restarts replays the whole topic, and
 * its routines would be built from half a catalogue. Instead, once caught up, it reconciles the stored versions with
 * the catalogue once (and every {@code recommendation.drift.reconcile-every} after): a product whose catalogue
 * version is newer than some customer's is queued, which catches a change made while every replica was down and
 * queues nothing after a plain replay.
 *
 * <p>A product added to the catalogue, or back on sale and in stock, starts a sweep over every consenting customer
 * ({@link RoutineSweep}), shared by the replicas through the database at {@code recommendation.drift.sweep-rate}.
 * The known available products are kept ({@code available_product}) so that a product added while every replica was
 * down is found by the reconciliation too.
 */
@ApplicationScoped
public class RoutineDrift {

    private static final Logger LOG = Logger.getLogger(RoutineDrift.class);
    /** The version queued for a product deleted from the catalogue (a tombstone): older than it is everything. */
    static final long DELETED = Long.MAX_VALUE;

    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(10);
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

    /** The settings ({@code recommendation.drift.*}, see application.properties). */
    public record Settings(int batchSize, Duration poll, Duration reconcileEvery, double sweepRate) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("recommendation.drift.batch-size must be at least 1");
            }
            if (sweepRate < 0) {
                throw new IllegalArgumentException("recommendation.drift.sweep-rate must not be negative");
            }
        }
    }

    private final CatalogDriftRepository driftQueue;
    private final AvailableProductRepository availableProducts;
    private final IssuedRoutineRepository issuedRoutines;
    private final CustomerProfileRepository profiles;
    private final RecommendationIssuer issuer;
    private final CatalogTable catalogue;
    private final RoutineService routines;
    private final Settings settings;
    private final Clock clock;
    private final String loopName;
    private final RoutineSweep sweep;

    private final Map<Cause, Counter> reissues = new EnumMap<>(Cause.class);
    private final Map<Cause, Counter> withdrawals = new EnumMap<>(Cause.class);
    private final Counter reevaluated;
    private final Counter queued;
    private final Counter reconciliations;
    private final AtomicLong queueRows = new AtomicLong();

    /** Skus changed since the last flush, noticed on the loader's thread. */
    private final Set<String> noticed = new LinkedHashSet<>();

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean caughtUp;
    private volatile boolean running;
    private Instant nextReconcile;
    private Instant nextGaugeRefresh = Instant.EPOCH;
    private Thread worker;

    @Inject
    public RoutineDrift(
            CatalogDriftRepository queue,
            AvailableProductRepository availableProducts,
            IssuedRoutineRepository issuedRoutines,
            CustomerProfileRepository profiles,
            RoutineSweepStateRepository sweepState,
            RecommendationIssuer issuer,
            CatalogTable catalogue,
            RoutineService routines,
            MeterRegistry metrics,
            Clock clock,
            RecommendationConfig config) {
        this(
                queue,
                availableProducts,
                issuedRoutines,
                profiles,
                sweepState,
                issuer,
                catalogue,
                routines,
                metrics,
                clock,
                new Settings(
                        config.drift().batchSize(),
                        config.drift().poll(),
                        config.drift().reconcileEvery(),
                        config.drift().sweepRate()),
                "routine-drift");
    }

    /**
     * A drift worker over its own catalogue table, on the service's repositories: the service has one; a test makes
     * more, as further replicas against the same database. {@code loopName} names its thread. The entity manager and
     * the mapper are not read: every query is a repository's; the parameters stay for the callers that make replicas.
     */
    public RoutineDrift(
            EntityManager entityManager,
            ObjectMapper json,
            RecommendationIssuer issuer,
            CatalogTable catalogue,
            RoutineService routines,
            MeterRegistry metrics,
            Clock clock,
            Settings settings,
            String loopName) {
        this(
                bean(CatalogDriftRepository.class),
                bean(AvailableProductRepository.class),
                bean(IssuedRoutineRepository.class),
                bean(CustomerProfileRepository.class),
                bean(RoutineSweepStateRepository.class),
                issuer,
                catalogue,
                routines,
                metrics,
                clock,
                settings,
                loopName);
    }

    private RoutineDrift(
            CatalogDriftRepository queue,
            AvailableProductRepository availableProducts,
            IssuedRoutineRepository issuedRoutines,
            CustomerProfileRepository profiles,
            RoutineSweepStateRepository sweepState,
            RecommendationIssuer issuer,
            CatalogTable catalogue,
            RoutineService routines,
            MeterRegistry metrics,
            Clock clock,
            Settings settings,
            String loopName) {
        this.driftQueue = queue;
        this.availableProducts = availableProducts;
        this.issuedRoutines = issuedRoutines;
        this.profiles = profiles;
        this.issuer = issuer;
        this.catalogue = catalogue;
        this.routines = routines;
        this.settings = settings;
        this.clock = clock;
        this.loopName = loopName;
        for (Cause cause : Cause.values()) {
            if (cause == Cause.PROFILE) {
                continue; // a profile change issues, it does not re-issue
            }
            reissues.put(
                    cause,
                    Counter.builder("recommendation.reissues")
                            .tag("cause", cause.tag())
                            .tag("record", "routine")
                            .description("Routines re-issued to marketing after a catalogue change, by cause")
                            .register(metrics));
            withdrawals.put(
                    cause,
                    Counter.builder("recommendation.reissues")
                            .tag("cause", cause.tag())
                            .tag("record", "tombstone")
                            .description("Routines re-issued to marketing after a catalogue change, by cause")
                            .register(metrics));
        }
        this.reevaluated = Counter.builder("recommendation.drift.reevaluated")
                .tag("trigger", "product-change")
                .description("Customers whose routine was built again after a catalogue change")
                .register(metrics);
        this.queued = Counter.builder("recommendation.drift.queued")
                .description("Products queued for drift by this replica (changes and reconciliations)")
                .register(metrics);
        this.reconciliations = Counter.builder("recommendation.drift.reconciliations")
                .description("Comparisons of the stored versions with the catalogue this replica made")
                .register(metrics);
        Gauge.builder("recommendation.drift.queue", queueRows, AtomicLong::get)
                .description("Products in the drift queue with customers still to re-evaluate (every replica's)")
                .register(metrics);
        this.sweep = new RoutineSweep(this, sweepState, profiles, settings, metrics);
    }

    // --- notices, on the catalogue loader's thread --------------------------------------------------------------

    /** The table has read the topic up to its end at start-up: changes count from now, after one reconciliation. */
    public void catalogueCaughtUp() {
        caughtUp = true;
        wakeUps.release();
    }

    /** A product's newer version was applied to the table (after it caught up). */
    public void productChanged(String sku) {
        if (!caughtUp) {
            return; // the reconciliation after catching up compares what the replay brought
        }
        synchronized (noticed) {
            noticed.add(sku);
        }
        wakeUps.release();
    }

    // --- the loop ----------------------------------------------------------------------------------------------

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public void start() {
        running = true;
        // a round is a few transactions of one batch each; five minutes of silence is a stuck call (liveness DOWN)
        worker = Daemons.start(loopName, Duration.ofMinutes(5), this::run);
    }

    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Duration retryPause = FIRST_RETRY_PAUSE;
        while (running) {
            Heartbeats.beat();
            try {
                if (caughtUp) {
                    round();
                }
                retryPause = FIRST_RETRY_PAUSE;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Routine drift round failed (%s); retrying in %d ms",
                        FailureDescription.of(e), retryPause.toMillis());
                if (!Daemons.pause(retryPause)) {
                    return;
                }
                retryPause = retryPause.multipliedBy(2).compareTo(LONGEST_RETRY_PAUSE) > 0
                        ? LONGEST_RETRY_PAUSE
                        : retryPause.multipliedBy(2);
                continue;
            }
            Heartbeats.waiting(settings.poll());
            try {
                if (wakeUps.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: the reconciliation when due, the noticed changes, the queue, one sweep batch. */
    void round() {
        Instant now = clock.instant();
        if (nextReconcile == null || !now.isBefore(nextReconcile)) {
            reconcile();
            nextReconcile = now.plus(settings.reconcileEvery());
        }
        flushNotices();
        workQueue();
        sweep.step();
        if (!now.isBefore(nextGaugeRefresh)) {
            refreshGauges();
            nextGaugeRefresh = now.plus(GAUGE_REFRESH);
        }
    }

    // --- the queue ---------------------------------------------------------------------------------------------

    /**
     * Writes the noticed changes: the drift queue for the skus some customer holds in an older version, the known
     * available products, and a sweep request for each product that became available. Kept for the next round if the
     * database refuses them.
     */
    public int flushNotices() {
        List<String> skus;
        synchronized (noticed) {
            skus = List.copyOf(noticed);
            noticed.clear();
        }
        if (skus.isEmpty()) {
            return 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Map<String, Long> versions = new HashMap<>();
                Map<String, Long> available = new HashMap<>();
                List<String> unavailable = new ArrayList<>();
                for (String sku : skus) {
                    ProductState product = catalogue.find(sku).orElse(null);
                    versions.put(sku, product == null ? DELETED : product.version());
                    if (product != null && available(product)) {
                        available.put(sku, product.version());
                    } else {
                        unavailable.add(sku);
                    }
                }
                List<String> deleted = skus.stream()
                        .filter(sku -> versions.get(sku) == DELETED)
                        .toList();
                int queuedNow = queue(versions);
                sweep.request(availableProducts.insertUnknown(available, clock.instant()));
                forgetAvailable(unavailable, deleted);
                return queuedNow;
            });
        } catch (RuntimeException e) {
            synchronized (noticed) {
                noticed.addAll(skus);
            }
            throw e;
        }
    }

    /**
     * Compares the stored versions with the catalogue and queues every product some customer holds in an older
     * version; and the available products with those known, requesting a sweep for the new ones. Returns how many
     * products were queued or requested.
     */
    public int reconcile() {
        int queuedOrRequested = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> drifted = new HashMap<>();
            issuedRoutines.findOldestHeldVersions().forEach((sku, oldest) -> {
                long now = catalogue.find(sku).map(ProductState::version).orElse(DELETED);
                if (now > oldest) {
                    drifted.put(sku, now);
                }
            });
            int found = queue(drifted);
            Map<String, Long> availableNow = new HashMap<>();
            for (Category category : Category.values()) {
                catalogue.available(category).forEach(p -> availableNow.put(p.sku(), p.version()));
            }
            Set<String> known = availableProducts.listSkus();
            List<String> gone =
                    known.stream().filter(sku -> !availableNow.containsKey(sku)).toList();
            forgetAvailable(gone, List.of());
            Map<String, Long> added = new HashMap<>(availableNow);
            added.keySet().removeAll(known);
            Map<String, Long> inserted = availableProducts.insertUnknown(added, clock.instant());
            if (known.isEmpty() && !sweep.everRequested()) {
                // the first start with drift: today's catalogue is what the issued routines were built from
                LOG.infof("Drift: %d available products recorded as the baseline, no sweep", inserted.size());
            } else {
                sweep.request(inserted);
                found += inserted.size();
            }
            if (found > 0) {
                LOG.infof(
                        "Drift reconciliation: %d products queued, %d new or back on sale",
                        found - inserted.size(), inserted.size());
            }
            return found;
        });
        reconciliations.increment();
        return queuedOrRequested;
    }

    /**
     * Works off the drift queue: for each queued product this replica's table holds at least at the queued
     * version, the customers holding an older one, in batches. Returns the customers re-evaluated.
     */
    public int workQueue() {
        List<CatalogDrift> drifts = QuarkusTransaction.requiringNew().call(() -> driftQueue.listOldest(1000));
        int evaluated = 0;
        for (CatalogDrift drift : drifts) {
            ProductState held = catalogue.find(drift.sku()).orElse(null);
            long version;
            if (held == null) {
                version = DELETED; // deleted from the caught-up table: nothing newer will come
            } else if (drift.version() == DELETED || held.version() >= drift.version()) {
                version = held.version(); // (created again after a deletion, or) this replica is as new or newer
            } else {
                continue; // this replica is behind the change: another replica, or this one later
            }
            String after = "";
            while (!stopping()) {
                Heartbeats.beat(); // a serum of many customers is many batches: each is progress
                String from = after;
                List<RecommendationIssuer.Reevaluation> outcomes = QuarkusTransaction.requiringNew()
                        .call(() -> issuer.reevaluate(
                                lockHolders(drift.sku(), version, from), routines, catalogue, Cause.PRODUCT_CHANGED));
                count(outcomes, reevaluated);
                evaluated += outcomes.size();
                if (outcomes.size() < settings.batchSize()) {
                    break;
                }
                after = outcomes.get(outcomes.size() - 1).customerId();
            }
            // gone once nobody holds an older version; customers locked elsewhere keep it for the next round
            QuarkusTransaction.requiringNew()
                    .run(() -> driftQueue.deleteUnlessHeldBelow(drift.sku(), drift.version(), version));
        }
        return evaluated;
    }

    /** The next batch of customers holding the sku below the version, locked; those locked elsewhere are skipped. */
    private List<SkinProfile> lockHolders(String sku, long version, String after) {
        return profiles.lockHoldersOf(sku, version, after, settings.batchSize());
    }

    /** Queues the skus some customer holds below the given version; returns how many. */
    private int queue(Map<String, Long> versions) {
        int rows = driftQueue.queueHeldBelow(versions, clock.instant());
        queued.increment(rows);
        return rows;
    }

    /** Products no longer available are forgotten (so that their return counts as new); deleted ones leave the sweep. */
    private void forgetAvailable(List<String> unavailable, List<String> deleted) {
        availableProducts.forget(unavailable);
        sweep.forget(deleted);
    }

    private void refreshGauges() {
        QuarkusTransaction.requiringNew().run(() -> {
            queueRows.set(driftQueue.count());
            sweep.refreshBacklog();
        });
    }

    /** The loop was stopped (a worker a test drives without its thread never is). */
    boolean stopping() {
        return worker != null && !running;
    }

    // --- shared with the sweep ---------------------------------------------------------------------------------

    RecommendationIssuer issuer() {
        return issuer;
    }

    CatalogTable catalogue() {
        return catalogue;
    }

    RoutineService routines() {
        return routines;
    }

    Instant now() {
        return clock.instant();
    }

    /** Counts what a committed re-evaluation did. */
    void count(List<RecommendationIssuer.Reevaluation> outcomes, Counter evaluated) {
        for (RecommendationIssuer.Reevaluation outcome : outcomes) {
            if (outcome.outcome() != RecommendationIssuer.Outcome.BEHIND) {
                evaluated.increment();
            }
            if (outcome.outcome() == RecommendationIssuer.Outcome.REISSUED) {
                reissues.get(outcome.cause()).increment();
            } else if (outcome.outcome() == RecommendationIssuer.Outcome.WITHDRAWN) {
                withdrawals.get(outcome.cause()).increment();
            }
        }
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }

    static boolean available(ProductState product) {
        return product.status() == ProductStatus.ACTIVE && product.stock() > 0;
    }
}
