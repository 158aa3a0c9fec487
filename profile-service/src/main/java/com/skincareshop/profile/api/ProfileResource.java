package com.skincareshop.profile.api;

import com.skincareshop.contracts.profile.AnswersValidator;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.platform.http.BodyLimit;
import com.skincareshop.platform.problem.ProblemException;
import com.skincareshop.platform.security.CustomerAccess;
import com.skincareshop.profile.domain.ProfileStore;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import static com.skincareshop.platform.security.CustomerAccess.STOREFRONT;
import static com.skincareshop.platform.security.CustomerAccess.SUPPORT;

/**
 * Customers' answers. The customer themself may answer, read and erase; the storefront may answer and read;
 * support may read and erase. The answers are health-adjacent personal data: nothing here logs them.
 */
@Path("/api/profiles/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ProfileResource {

    private final ProfileStore profiles;
    private final CustomerAccess access;

    public ProfileResource(ProfileStore profiles, CustomerAccess access) {
        this.profiles = profiles;
        this.access = access;
    }

    /** 201 for the first answers, 200 after; unchanged answers keep the version. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response answer(@PathParam("customerId") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                           String customerId,
                           @BodyLimit("profile") @NotNull @Valid ProfileRequest body,
                           UriInfo uri) {
        access.requireSelfOr(customerId, STOREFRONT);
        Questionnaire questionnaire = Questionnaires.version(body.questionnaireVersion()).orElseThrow(() ->
                ProblemException.invalid("questionnaireVersion", "is not a published version; the current one is "
                        + Questionnaires.current().version()));
        AnswersValidator.Result result = AnswersValidator.validate(questionnaire, body.answers());
        if (!result.valid()) {
            throw ProblemException.invalid(result.violations());
        }
        ProfileStore.Saved saved = profiles.save(customerId, questionnaire.version(), Locales.resolve(body.locale()),
                result.answers());
        Response.ResponseBuilder response = saved.outcome() == ProfileStore.Outcome.CREATED
                ? Response.created(uri.getAbsolutePath())
                : Response.ok();
        return response.entity(ProfileView.of(saved)).tag(new EntityTag(String.valueOf(saved.profile().version())))
                .build();
    }

    /** Everything stored about the customer, with every earlier version (right of access). */
    @GET
    public Response read(@PathParam("customerId") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                         String customerId) {
        access.requireSelfOr(customerId, STOREFRONT, SUPPORT);
        ProfileStore.Stored stored = profiles.find(customerId)
                .orElseThrow(() -> ProblemException.notFound("a profile for customer " + customerId));
        return Response.ok(ProfileView.withHistory(stored))
                .tag(new EntityTag(String.valueOf(stored.profile().version()))).build();
    }

    /** Right to erasure: 204 whether or not anything was stored; every service erases it too. */
    @DELETE
    public Response erase(@PathParam("customerId") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                          String customerId) {
        access.requireSelfOr(customerId, SUPPORT);
        profiles.erase(customerId);
        return Response.noContent().build();
    }
}
