package com.skincareshop.recommendation.events;

import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.recommendation.RoutineIssued;
import com.skincareshop.platform.outbox.Outbox;
import com.skincareshop.recommendation.domain.RoutinePublisher;
import com.skincareshop.recommendation.engine.Routine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What recommendation-service publishes on {@code recommendations.issued.v1}, keyed by customerId. */
@ApplicationScoped
public class RecommendationEvents implements RoutinePublisher {

    private final Outbox outbox;

    public RecommendationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void issued(Routine routine, Instant issuedAt, long revision, RoutineIssued.Cause cause) {
        outbox.record(
                Topics.RECOMMENDATIONS_ISSUED,
                routine.customerId(),
                EventTypes.ROUTINE_ISSUED,
                toEvent(routine, issuedAt, revision, cause));
    }

    /** Erasure or withdrawn consent: earlier events of the customer are deleted from the outbox too. */
    @Override
    public void withdrawn(String customerId) {
        outbox.recordErasure(Topics.RECOMMENDATIONS_ISSUED, customerId, EventTypes.ROUTINE_WITHDRAWN);
    }

    /**
     * The products only: nothing derived from an answer leaves for marketing (see {@link RoutineIssued}); the cause
     * is the catalogue's or the profile's change, never what the customer answered.
     */
    static RoutineIssued toEvent(Routine routine, Instant issuedAt, long revision, RoutineIssued.Cause cause) {
        List<RoutineIssued.IssuedStep> steps = new ArrayList<>();
        routine.am().forEach(step -> steps.add(step("AM", step)));
        routine.pm().forEach(step -> steps.add(step("PM", step)));
        return new RoutineIssued(
                routine.customerId(),
                routine.profileVersion(),
                routine.locale(),
                issuedAt,
                steps,
                routine.total(),
                revision,
                cause);
    }

    private static RoutineIssued.IssuedStep step(String time, Routine.Step step) {
        return new RoutineIssued.IssuedStep(
                time, step.slot().name(), step.product().sku(), step.product().version());
    }
}
