package com.skincareshop.profile.api;

import static com.skincareshop.platform.security.CustomerAccess.SUPPORT;

import com.skincareshop.contracts.profile.AnswersValidator;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.platform.audit.AccessAction;
import com.skincareshop.platform.audit.AccessAudit;
import com.skincareshop.platform.http.BodyLimit;
import com.skincareshop.platform.openapi.ApiDocument;
import com.skincareshop.platform.problem.Problem;
import com.skincareshop.platform.problem.ProblemException;
import com.skincareshop.platform.security.CustomerAccess;
import com.skincareshop.profile.domain.ConsentChangeRefused;
import com.skincareshop.profile.domain.ProfileStore;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Customers' answers. The customer may answer, read and erase, with their own token or with the one the storefront
 * holds for them (token exchange: {@code act} names the storefront), which is refused a change of marketing consent
 * and shown no history; support may read and erase, and each such read and every erasure is audited
 * ({@link AccessAudit}). The answers are health-adjacent personal data: nothing here logs them.
 */
@Path("/api/profiles/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Profiles", description = "Customers' answers to the skin questionnaire, with their history")
@SecurityRequirement(name = ApiDocument.BEARER)
public class ProfileResource {

    private static final String SELF = " A `customer` token reaches only its own profile (token `sub` = `customerId`):"
            + " the customer's own, or the one the storefront obtained for them by token exchange (RFC 8693, with an"
            + " `act` claim naming the storefront).";
    private static final String ETAG = "The profile's version, quoted (`\"3\"`)";

    private static final String CUSTOMER_ID =
            "The customer: 1 to 64 letters, digits and . _ : -, starting with a" + " letter or digit";

    private final ProfileStore profiles;
    private final CustomerAccess access;
    private final AccessAudit audit;

    public ProfileResource(ProfileStore profiles, CustomerAccess access, AccessAudit audit) {
        this.profiles = profiles;
        this.access = access;
        this.audit = audit;
    }

    /** 201 for the first answers, 200 after; unchanged answers keep the version. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putProfile",
            summary = "Answer the questionnaire",
            description = "Validates the answers against the questionnaire version they claim, normalizes and stores"
                    + " them with a history: 201 the first time, 200 after. Answers identical to the stored ones keep"
                    + " the version and publish nothing." + SELF + " `answers.marketingConsent` is the customer's own"
                    + " decision: with a token held for them (`act`) it must stay what is stored (false for a first"
                    + " profile), else 403 naming it.",
            extensions = @Extension(name = ApiDocument.ROLES, value = "[\"customer\"]", parseValue = true))
    @APIResponse(
            responseCode = "200",
            description = "Stored (or unchanged)",
            headers =
                    @Header(
                            name = "ETag",
                            description = ETAG,
                            required = true,
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The customer's first answers",
            headers = {
                @Header(name = "ETag", description = ETAG, required = true, schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Location",
                        description = "The profile's URL",
                        required = true,
                        schema = @Schema(type = SchemaType.STRING, format = "uri"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProfileView.class),
                            examples = @ExampleObject(name = "first-answers", value = ProfileExamples.PROFILE)))
    @APIResponse(
            responseCode = "400",
            description = "An answer, the envelope or the customer id is invalid; each violation"
                    + " names its field (`answers.concerns[1]`, `answers.budget.currency`, `customerId`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description = "Another customer's profile, a role that may not answer, or a change of"
                    + " `answers.marketingConsent` with a token held for the customer"
                    + " (`urn:skincare:problem:consent-not-delegable`, naming the field)")
    @APIResponse(responseCode = "409", description = "A concurrent request stored answers for the customer; retry")
    @APIResponse(responseCode = "413", description = "The body is over its limit (16 KiB)")
    @APIResponse(responseCode = "415", description = "The body is not `application/json`")
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; nothing was changed, retry after `Retry-After`")
    public Response answer(
            @Parameter(description = CUSTOMER_ID, example = "c-42")
                    @PathParam("customerId")
                    @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                    String customerId,
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = ProfileRequest.class),
                                            examples =
                                                    @ExampleObject(name = "answers", value = ProfileExamples.REQUEST)))
                    @BodyLimit("profile")
                    @NotNull
                    @Valid
                    ProfileRequest body,
            UriInfo uri) {
        CustomerAccess.Caller caller = access.requireCustomerOr(customerId);
        Questionnaire questionnaire = Questionnaires.version(body.questionnaireVersion())
                .orElseThrow(() -> ProblemException.invalid(
                        "questionnaireVersion",
                        "is not a published version; the current one is "
                                + Questionnaires.current().version()));
        AnswersValidator.Result result = AnswersValidator.validate(questionnaire, body.answers());
        if (!result.valid()) {
            throw ProblemException.invalid(result.violations());
        }
        ProfileStore.Saved saved;
        try {
            saved = profiles.save(
                    customerId,
                    questionnaire.version(),
                    Locales.resolve(body.locale()),
                    result.answers(),
                    !caller.delegated());
        } catch (ConsentChangeRefused e) {
            throw consentNotDelegable(caller, e.storedConsent());
        }
        Response.ResponseBuilder response = saved.outcome() == ProfileStore.Outcome.CREATED
                ? Response.created(uri.getAbsolutePath())
                : Response.ok();
        return response.entity(ProfileView.of(saved))
                .tag(new EntityTag(String.valueOf(saved.profile().version())))
                .build();
    }

    /** Everything stored about the customer, with every earlier version (right of access). */
    @GET
    @Operation(
            operationId = "getProfile",
            summary = "Everything stored about a customer",
            description = "The current answers and every earlier version (`history`): the right of access." + SELF
                    + " A token held for the customer (`act`) gets the current answers without `history`. Every read"
                    + " by `support` is audited (who, the customer, when).",
            extensions = @Extension(name = ApiDocument.ROLES, value = "[\"customer\", \"support\"]", parseValue = true))
    @APIResponse(
            responseCode = "200",
            description = "The profile, with its history unless the token is held for the customer",
            headers =
                    @Header(
                            name = "ETag",
                            description = ETAG,
                            required = true,
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "400", description = "The customer id is invalid (`customerId`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Another customer's profile, or a role that may not read it")
    @APIResponse(responseCode = "404", description = "The customer has no profile (never answered, or erased)")
    @APIResponse(responseCode = "503", description = "The database is unavailable; retry after `Retry-After`")
    public Response read(
            @Parameter(description = CUSTOMER_ID, example = "c-42")
                    @PathParam("customerId")
                    @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                    String customerId) {
        CustomerAccess.Caller caller = access.requireCustomerOr(customerId, SUPPORT);
        if (caller.isStaff(SUPPORT)) {
            audit.record(AccessAction.READ_PROFILE, customerId, caller);
        }
        ProfileStore.Stored stored = profiles.find(customerId)
                .orElseThrow(() -> ProblemException.notFound("a profile for customer " + customerId));
        // the history is the customer's and support's: the storefront, acting for them, sees what is current
        return Response.ok(caller.delegated() ? ProfileView.current(stored) : ProfileView.withHistory(stored))
                .tag(new EntityTag(String.valueOf(stored.profile().version())))
                .build();
    }

    /** Right to erasure: 204 whether or not anything was stored; every service erases it too. */
    @DELETE
    // no body on success: a client that accepts only the problem of a failure must not get a 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            operationId = "eraseProfile",
            summary = "Erase a customer's profile",
            description = "The right to erasure: the profile, its history and its unsent events are deleted, and every"
                    + " service erases the customer too. 204 whether or not anything was stored." + SELF + " Every"
                    + " erasure is audited (who, the customer, when), in a record the erasure does not remove.",
            extensions = @Extension(name = ApiDocument.ROLES, value = "[\"customer\", \"support\"]", parseValue = true))
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "400", description = "The customer id is invalid (`customerId`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Another customer's profile, or a role that may not erase it")
    @APIResponse(responseCode = "409", description = "A concurrent request changed the profile; retry")
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; nothing was erased, retry after `Retry-After`")
    @Transactional // the erasure and its audit record commit together, or neither does
    public Response erase(
            @Parameter(description = CUSTOMER_ID, example = "c-42")
                    @PathParam("customerId")
                    @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                    String customerId) {
        CustomerAccess.Caller caller = access.requireCustomerOr(customerId, SUPPORT);
        audit.record(AccessAction.ERASE_PROFILE, customerId, caller);
        profiles.erase(customerId);
        return Response.noContent().build();
    }

    /** 403 naming the field: the storefront, acting for the customer, may not give or withdraw their consent. */
    private static ProblemException consentNotDelegable(CustomerAccess.Caller caller, boolean storedConsent) {
        String message = "only the customer themself may change it; a token held for them by "
                + caller.actor().orElse("another party") + " must send what is stored (" + storedConsent + ")";
        return new ProblemException(new Problem(
                "urn:skincare:problem:consent-not-delegable",
                "Forbidden",
                403,
                "answers.marketingConsent: " + message,
                null,
                List.of(new Violation("answers.marketingConsent", message))));
    }
}
