package com.skincareshop.recommendation.api;

import static com.skincareshop.platform.security.CustomerAccess.SUPPORT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.AnswersValidator;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.audit.AccessAction;
import com.skincareshop.platform.audit.AccessAudit;
import com.skincareshop.platform.problem.Problem;
import com.skincareshop.platform.problem.ProblemException;
import com.skincareshop.platform.security.CustomerAccess;
import com.skincareshop.recommendation.domain.CatalogueReadiness;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import com.skincareshop.recommendation.domain.RoutineCache;
import com.skincareshop.recommendation.domain.RoutineService;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What both versions of the routine API do, the version deciding only how much of the routine is worked out and
 * shown: a stored customer's routine from their latest profile and the live catalogue, so a price, stock or
 * discontinuation shows in the next answer (held in {@link RoutineCache} by those inputs' versions); a guest's from
 * answers sent in.
 */
@ApplicationScoped
class RoutineRequests {

    private final RoutineService routines;
    private final CustomerProfiles profiles;
    private final CatalogueReadiness catalog;
    private final CustomerAccess access;
    private final AccessAudit audit;
    private final RoutineCache cache;
    private final CatalogTable table;
    private final ObjectMapper json;

    RoutineRequests(
            RoutineService routines,
            CustomerProfiles profiles,
            CatalogueReadiness catalog,
            CustomerAccess access,
            AccessAudit audit,
            RoutineCache cache,
            CatalogTable table,
            ObjectMapper json) {
        this.routines = routines;
        this.profiles = profiles;
        this.catalog = catalog;
        this.access = access;
        this.audit = audit;
        this.cache = cache;
        this.table = table;
        this.json = json;
    }

    /**
     * The customer, with their own token or the one the storefront holds for them, or support (audited): the
     * storefront's own token reaches no customer. {@code locale} defaults to the one the customer answered in.
     */
    Uni<byte[]> forCustomer(String customerId, String locale, RoutineEngine.Detail detail, Class<?> view) {
        CustomerAccess.Caller caller = access.requireCustomerOr(customerId, SUPPORT);
        // a staff read is audited (a database write): never answered here, on the event loop
        if (!caller.isStaff(SUPPORT)) {
            Optional<byte[]> held = held(customerId, locale, detail, view);
            if (held.isPresent()) {
                return Uni.createFrom().item(held.get());
            }
        }
        return Uni.createFrom()
                .item(() -> build(caller, customerId, locale, detail, view))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The routine's JSON when the profile and the routine built from it are both held in memory, found without
     * blocking (so on the event loop, with no hand-over to a worker thread); empty when anything must be read or
     * built. A customer held as having no profile is answered (404) here too.
     */
    private Optional<byte[]> held(String customerId, String locale, RoutineEngine.Detail detail, Class<?> view) {
        requireCatalogue();
        Optional<Optional<SkinProfile>> held = profiles.held(customerId);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        SkinProfile profile = held.get().orElseThrow(() -> noProfile(customerId));
        return cache.held(inputs(customerId, profile, locale, detail, view));
    }

    /** On a worker thread: reads the profile and builds the routine if either is not held. */
    private byte[] build(
            CustomerAccess.Caller caller,
            String customerId,
            String locale,
            RoutineEngine.Detail detail,
            Class<?> view) {
        if (caller.isStaff(SUPPORT)) {
            audit.record(AccessAction.READ_ROUTINE, customerId, caller);
        }
        requireCatalogue();
        SkinProfile profile = profiles.find(customerId).orElseThrow(() -> noProfile(customerId));
        RoutineCache.Inputs inputs = inputs(customerId, profile, locale, detail, view);
        return cache.json(
                inputs,
                () -> write(
                        routines.build(customerId, profile.version(), profile.answers(), inputs.locale(), detail),
                        view));
    }

    /** The generation is read before the routine is built: a change meanwhile makes the next request build again. */
    private RoutineCache.Inputs inputs(
            String customerId, SkinProfile profile, String locale, RoutineEngine.Detail detail, Class<?> view) {
        String inLocale = locale == null || locale.isBlank() ? profile.locale() : locale;
        return new RoutineCache.Inputs(customerId, profile.version(), inLocale, detail, table.generation(), view);
    }

    private static ProblemException noProfile(String customerId) {
        return new ProblemException(Problem.of(
                404,
                "no-profile",
                "No profile",
                "customer " + customerId + " has not answered the questionnaire; "
                        + "build a guest routine with POST /api/recommendations/preview"));
    }

    /** As the REST layer writes a routine of this view (its own ObjectMapper, the same view), once. */
    private byte[] write(Routine routine, Class<?> view) {
        try {
            return json.writerWithView(view).writeValueAsBytes(routine);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a routine cannot be written as JSON", e);
        }
    }

    /** A guest's routine from answers validated exactly as profile-service validates them; nothing is stored. */
    Routine preview(String locale, PreviewRequest body, RoutineEngine.Detail detail) {
        requireCatalogue();
        Questionnaire questionnaire = body.questionnaireVersion() == null
                ? Questionnaires.current()
                : Questionnaires.version(body.questionnaireVersion())
                        .orElseThrow(() -> ProblemException.invalid(
                                "questionnaireVersion",
                                "is not a published version; the current one is "
                                        + Questionnaires.current().version()));
        AnswersValidator.Result result = AnswersValidator.validate(questionnaire, body.answers());
        if (!result.valid()) {
            throw ProblemException.invalid(result.violations());
        }
        return routines.build(null, null, result.answers(), locale, detail);
    }

    /** Until the table has caught up a routine would be built from half a catalogue: better to say so. */
    private void requireCatalogue() {
        if (!catalog.caughtUp()) {
            throw new ProblemException(Problem.of(
                    503,
                    "catalogue-loading",
                    "Service unavailable",
                    "the catalogue is still loading; retry in a few seconds"));
        }
    }
}
