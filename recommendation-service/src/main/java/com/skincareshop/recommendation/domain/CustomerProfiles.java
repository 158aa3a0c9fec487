package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.tracing.MessageTracing;
import com.skincareshop.recommendation.RecommendationConfig;
import io.opentelemetry.context.Context;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profile read model: the newest version of each customer's answers, as consumed from
 * {@code profiles.skin.v1}. A change is applied only if its version is newer (one guarded upsert), so duplicates
 * and reordering are harmless; an erasure removes the customer and everything issued to them.
 *
 * <p>An erasure leaves a marker ({@code erased_customer}: the id and the version erased up to, no answers) for
 * {@code recommendation.erasure.marker-retention}: an older value replayed after the tombstone (a consumer group
 * reset, a partition re-read before compaction removed it) cannot bring the customer back, while the profile
 * created again, whose versions go on from the erasure's, is newer and applies. A replayed tombstone older than
 * the profile held changes nothing.
 */
@ApplicationScoped
public class CustomerProfiles {

    /**
     * One consumed event: the new state, or {@code profile == null} for an erasure (tombstone) erasing every
     * version below {@code erasedVersion} ({@link #UNKNOWN_VERSION}: the producer did not say, erase whatever is held).
     * {@code trace} is the consumed record's span, current while what the change issues is written (null: none).
     */
    public record Change(String customerId, SkinProfile profile, long erasedVersion, Context trace) {
        public static final long UNKNOWN_VERSION = Long.MAX_VALUE;

        public static Change of(SkinProfile profile) {
            return new Change(profile.customerId(), profile, 0, null);
        }

        public static Change erasure(String customerId, long erasedVersion) {
            return new Change(customerId, null, erasedVersion, null);
        }

        public Change traced(Context trace) {
            return new Change(customerId, profile, erasedVersion, trace);
        }
    }

    private final CustomerProfileRepository profiles;
    private final CustomerProfileCache cache;
    private final ErasedCustomerRepository erasures;
    private final RecommendationIssuer issuer;
    private final Clock clock;
    private final Duration markerRetention;

    public CustomerProfiles(
            CustomerProfileRepository profiles,
            CustomerProfileCache cache,
            ErasedCustomerRepository erasures,
            RecommendationIssuer issuer,
            Clock clock,
            RecommendationConfig config) {
        this.markerRetention = config.erasure().markerRetention();
        this.profiles = profiles;
        this.cache = cache;
        this.erasures = erasures;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * A batch of changes in one transaction: all take effect, or none (then they are retried). Upserts go to the
     * database as one statement per run of changes between erasures, not one per event: that is what lets the
     * read model keep up with the topic (docs/PERFORMANCE.md, ingestion).
     */
    @Transactional
    public void apply(List<Change> changes) {
        Map<String, SkinProfile> pending = new LinkedHashMap<>();
        Map<String, Context> traces = new HashMap<>();
        for (Change change : changes) {
            if (change.profile() == null) {
                upsertIfNewer(pending.values(), traces); // what came before the erasure, then the erasure, in order
                pending.clear();
                traces.clear();
                MessageTracing.within(change.trace(), () -> erase(change.customerId(), change.erasedVersion()));
            } else {
                // one statement may not touch a row twice: within a run keep each customer's newest version
                SkinProfile held = pending.get(change.customerId());
                if (held == null || change.profile().version() > held.version()) {
                    pending.put(change.customerId(), change.profile());
                    traces.put(change.customerId(), change.trace());
                }
            }
        }
        upsertIfNewer(pending.values(), traces);
    }

    /**
     * The customer's newest answers held; outside a transaction (every routine request makes this read), and from
     * {@link CustomerProfileCache} when it holds them: a committed change is announced and drops them.
     */
    public Optional<SkinProfile> find(String customerId) {
        return cache.find(customerId, profiles::findProfile);
    }

    /** The customer's profile if it is held in memory (see {@link CustomerProfileCache#held}); never blocks. */
    public Optional<Optional<SkinProfile>> held(String customerId) {
        return cache.held(customerId);
    }

    /** One guarded upsert for many profiles; a routine is issued for each that was actually newer. */
    private void upsertIfNewer(Collection<SkinProfile> pending, Map<String, Context> traces) {
        if (pending.isEmpty()) {
            return;
        }
        List<SkinProfile> batch = List.copyOf(pending);
        Set<String> changed = profiles.upsertIfNewer(batch, clock.instant());
        issuer.profilesChanged(
                batch.stream().filter(p -> changed.contains(p.customerId())).toList(), traces::get);
    }

    /**
     * Deletes the customer's answers older than the erasure and marks them erased. A tombstone older than what is
     * held (replayed after the customer answered again) changes nothing.
     */
    private void erase(String customerId, long erasedVersion) {
        long heldVersion = profiles.lockVersion(customerId);
        if (heldVersion >= erasedVersion) {
            return;
        }
        profiles.deleteProfile(customerId);
        long markedVersion = erasedVersion == Change.UNKNOWN_VERSION ? heldVersion : erasedVersion;
        erasures.markErased(customerId, markedVersion, clock.instant());
        issuer.customerErased(customerId);
    }

    /**
     * Markers older than the retention go: by then compaction has removed the values they guard against (the
     * retention is longer than the topic's {@code max.compaction.lag.ms} plus its {@code delete.retention.ms}).
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldErasures() {
        forgetErasuresBefore(clock.instant().minus(markerRetention));
    }

    @Transactional
    public int forgetErasuresBefore(Instant cutoff) {
        return (int) erasures.deleteMarkedBefore(cutoff);
    }
}
