package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import com.skincareshop.platform.tracing.MessageTracing;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the marketing pipeline learns: when a consenting customer's profile changes, the routine built for it is
 * stored (with its inputs' versions) and published; without consent nothing is. Withdrawn consent and erasure
 * delete what was issued and publish a tombstone. When the catalogue changes under an issued routine, the routine
 * is built again and re-issued if what marketing sees of it changed ({@link #reevaluate}).
 */
@ApplicationScoped
public class RecommendationIssuer {

    /** What a re-evaluation did for one customer. */
    public enum Outcome {
        /** A new record, with a higher revision. */
        REISSUED,
        /** Nothing can be recommended any more: the withdrawal tombstone. */
        WITHDRAWN,
        /** What marketing sees is the same: only the stored versions moved on. */
        UNCHANGED,
        /** This replica's catalogue is older than what the record was issued from: left for later. */
        BEHIND,
        /** No consent (or no profile) any more: nothing issued, nothing kept. */
        NOT_ISSUED
    }

    public record Reevaluation(String customerId, Outcome outcome, Cause cause) {}

    private final RoutineService routines;
    private final CatalogTable catalog;
    private final RecommendationSnapshotRepository snapshots;
    private final IssuedRoutineRepository issuedRoutines;
    private final RoutinePublisher events;
    private final Clock clock;

    public RecommendationIssuer(
            RoutineService routines,
            CatalogTable catalog,
            RecommendationSnapshotRepository snapshots,
            IssuedRoutineRepository issuedRoutines,
            RoutinePublisher events,
            Clock clock) {
        this.routines = routines;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.issuedRoutines = issuedRoutines;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Profiles that became newer in this transaction, one customer each. Customers without consent lose what was
     * issued to them in one statement for all, not one each: most customers never consent, and a statement per
     * profile change was most of the read model's cost (docs/PERFORMANCE.md, ingestion). What is issued for a customer
     * is written with the trace of the change that caused it ({@code traces}, by customer id; null: the current one).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void profilesChanged(List<SkinProfile> profiles, Function<String, Context> traces) {
        List<String> withoutConsent = new ArrayList<>();
        List<Routine> consenting = new ArrayList<>();
        for (SkinProfile profile : profiles) {
            if (profile.answers().marketingConsent()) {
                consenting.add(
                        routines.build(profile.customerId(), profile.version(), profile.answers(), profile.locale()));
            } else {
                withoutConsent.add(profile.customerId());
            }
        }
        if (!consenting.isEmpty()) {
            Instant now = clock.instant();
            // the upsert before this locked the customers' profile rows: revisions follow the order of commits
            long[] revisions = issuedRoutines.nextRevisions(consenting.size());
            List<IssuedRoutineRepository.Written> written = new ArrayList<>();
            for (int i = 0; i < consenting.size(); i++) {
                Routine routine = consenting.get(i);
                IssuedContent content = IssuedContent.of(routine, catalog::find);
                long revision = revisions[i];
                MessageTracing.within(
                        traces.apply(routine.customerId()), () -> issue(routine, revision, Cause.PROFILE, now));
                written.add(new IssuedRoutineRepository.Written(
                        routine.customerId(),
                        routine.profileVersion(),
                        revision,
                        content.digest(),
                        content.products().values()));
            }
            issuedRoutines.write(written, now);
        }
        deleteSnapshots(withoutConsent) // consent withdrawn: a tombstone each
                .forEach(id -> MessageTracing.within(traces.apply(id), () -> events.withdrawn(id)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void customerErased(String customerId) {
        deleteSnapshots(List.of(customerId));
        events.withdrawn(customerId); // even if nothing was issued here: erasure must reach every copy
    }

    /**
     * Builds the routines of these customers again from their stored profile and {@code catalogue}, and re-issues
     * each whose marketing-relevant content ({@link IssuedContent}) changed: a new record with a higher revision,
     * or the withdrawal tombstone when nothing can be recommended any more. Otherwise only the stored versions
     * move on. One transaction for the batch, through the outbox.
     *
     * <p>The caller has locked the profile rows (the same rows a profile change and an erasure lock first), so no
     * other replica evaluates these customers meanwhile, and what is read here is what was committed last. A customer
     * whose record was issued from products newer than this replica's catalogue holds is left alone ({@code BEHIND}):
     * a replica that is behind must not take a routine back to an older catalogue.
     *
     * @param otherwise the cause when none of the issued products was discontinued, sold out or changed in price or
     *                  INCI list (another product arrived, or a product's other traits changed the routine)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Reevaluation> reevaluate(
            List<SkinProfile> lockedProfiles, RoutineService builder, CatalogTable catalogue, Cause otherwise) {
        List<Reevaluation> outcomes = new ArrayList<>();
        if (lockedProfiles.isEmpty()) {
            return outcomes;
        }
        Instant now = clock.instant();
        List<String> ids = lockedProfiles.stream().map(SkinProfile::customerId).toList();
        Map<String, IssuedRoutineRepository.Stored> stored = issuedRoutines.findStored(ids);
        List<String> notIssued = new ArrayList<>();
        List<Routine> rebuilt = new ArrayList<>();
        List<IssuedContent> contents = new ArrayList<>();
        List<Cause> causes = new ArrayList<>();
        List<IssuedRoutineRepository.Written> unchanged = new ArrayList<>();
        for (SkinProfile profile : lockedProfiles) {
            String id = profile.customerId();
            IssuedRoutineRepository.Stored issued = stored.get(id);
            if (!profile.answers().marketingConsent()) {
                notIssued.add(id);
                outcomes.add(new Reevaluation(id, Outcome.NOT_ISSUED, null));
                continue;
            }
            if (issued != null && behind(issued, catalogue)) {
                outcomes.add(new Reevaluation(id, Outcome.BEHIND, null));
                continue;
            }
            Routine routine = builder.build(id, profile.version(), profile.answers(), profile.locale());
            IssuedContent content = IssuedContent.of(routine, catalogue::find);
            if (issued != null && same(issued, content)) {
                unchanged.add(new IssuedRoutineRepository.Written(
                        id,
                        profile.version(),
                        issued.revision(),
                        content.digest(),
                        content.products().values()));
                outcomes.add(new Reevaluation(id, Outcome.UNCHANGED, null));
                continue;
            }
            rebuilt.add(routine);
            contents.add(content);
            causes.add(
                    issued == null
                            ? otherwise
                            : IssuedContent.cause(issued.products().values(), catalogue::find, otherwise));
        }
        long[] revisions = issuedRoutines.nextRevisions(rebuilt.size());
        List<IssuedRoutineRepository.Written> written = new ArrayList<>(unchanged);
        for (int i = 0; i < rebuilt.size(); i++) {
            Routine routine = rebuilt.get(i);
            IssuedContent content = contents.get(i);
            if (content.empty()) {
                events.withdrawn(routine.customerId());
                outcomes.add(new Reevaluation(routine.customerId(), Outcome.WITHDRAWN, causes.get(i)));
            } else {
                issue(routine, revisions[i], causes.get(i), now);
                outcomes.add(new Reevaluation(routine.customerId(), Outcome.REISSUED, causes.get(i)));
            }
            written.add(new IssuedRoutineRepository.Written(
                    routine.customerId(),
                    routine.profileVersion(),
                    revisions[i],
                    content.digest(),
                    content.products().values()));
        }
        issuedRoutines.write(written, now);
        issuedRoutines.deleteIssuedTo(notIssued);
        return outcomes;
    }

    @Transactional
    public List<RecommendationSnapshot> snapshots(String customerId) {
        return snapshots.listIssuedTo(customerId);
    }

    private void issue(Routine routine, long revision, Cause cause, Instant now) {
        snapshots.persist(new RecommendationSnapshot(
                routine.customerId(),
                routine.profileVersion(),
                productVersions(routine),
                routine,
                now,
                revision,
                cause));
        events.issued(routine, now, revision, cause);
    }

    /** The record was issued from a product this replica's catalogue holds only in an older version. */
    private static boolean behind(IssuedRoutineRepository.Stored issued, CatalogTable catalogue) {
        for (IssuedContent.Product product : issued.products().values()) {
            // a product the caught-up table does not hold was deleted: nothing newer can come of it
            if (catalogue
                    .find(product.sku())
                    .map(p -> p.version() < product.version())
                    .orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same content as issued. A record issued before digests were kept is compared by its steps and total, as
     * its snapshot holds them: a price or INCI change under it is re-issued only once the steps change.
     */
    private boolean same(IssuedRoutineRepository.Stored issued, IssuedContent content) {
        if (issued.contentDigest() != null) {
            return issued.contentDigest().equals(content.digest());
        }
        return snapshots
                .findLatestRoutine(issued.customerId())
                .map(routine -> IssuedContent.stepsDigest(routine).equals(content.stepsDigest()))
                .orElse(false);
    }

    /** Deletes the customers' snapshots and issued products; returns the customers that had any, in the order given. */
    private List<String> deleteSnapshots(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        Set<String> had = snapshots.deleteIssuedTo(customerIds);
        issuedRoutines.deleteIssuedTo(customerIds);
        return customerIds.stream().filter(had::contains).toList();
    }

    private static Map<String, Long> productVersions(Routine routine) {
        Map<String, Long> versions = new TreeMap<>();
        Stream.concat(routine.am().stream(), routine.pm().stream())
                .forEach(step ->
                        versions.put(step.product().sku(), step.product().version()));
        return versions;
    }
}
