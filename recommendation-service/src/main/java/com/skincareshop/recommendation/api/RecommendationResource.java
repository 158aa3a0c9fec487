package com.skincareshop.recommendation.api;

import com.skincareshop.contracts.profile.AnswersValidator;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.http.BodyLimit;
import com.skincareshop.platform.openapi.ApiDocument;
import com.skincareshop.platform.problem.Problem;
import com.skincareshop.platform.problem.ProblemException;
import com.skincareshop.platform.security.CustomerAccess;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.domain.Routines;
import com.skincareshop.recommendation.events.CatalogTableLoader;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static com.skincareshop.platform.security.CustomerAccess.STOREFRONT;

/**
 * The storefront's routines. A stored customer's routine is built on request from their latest profile and the
 * live catalogue, so a price, stock or discontinuation shows in the next answer; a guest's from answers sent in.
 */
@Path("/api/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations", description = "Routines built from the live catalogue and a customer's answers")
@SecurityRequirement(name = ApiDocument.BEARER)
public class RecommendationResource {

    private static final String UNAVAILABLE = "The catalogue is still loading (`urn:skincare:problem:catalogue-loading`),"
            + " or the database is unavailable; retry in a few seconds";

    private static final String PREVIEW_EXAMPLE = """
            {"answers": {"skinType": "DRY", "sensitive": true, "ageBand": "25_34", "concerns": ["DARK_SPOTS", "DULLNESS"],
                         "sunExposureHours": 1, "pregnantOrBreastfeeding": true, "areas": ["FACE", "HANDS"],
                         "marketingConsent": false}}
            """;

    private final Routines routines;
    private final CustomerProfiles profiles;
    private final CatalogTableLoader catalog;
    private final CustomerAccess access;

    public RecommendationResource(Routines routines, CustomerProfiles profiles, CatalogTableLoader catalog,
                                  CustomerAccess access) {
        this.routines = routines;
        this.profiles = profiles;
        this.catalog = catalog;
        this.access = access;
    }

    /** The customer themself or the storefront. {@code locale} defaults to the one the customer answered in. */
    @GET
    @Path("{customerId}")
    @Authenticated
    @Operation(operationId = "getRoutine", summary = "A customer's routine",
            description = "Built on request from the customer's latest profile and the live catalogue, so that a"
                    + " price, stock or discontinuation shows in the next answer. A `customer` token reaches only its"
                    + " own routine (token `sub` = `customerId`).",
            extensions = @Extension(name = ApiDocument.ROLES, value = "[\"customer\", \"storefront\"]", parseValue = true))
    @APIResponse(responseCode = "200", description = "The routine",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Routine.class)))
    @APIResponse(responseCode = "400", description = "The customer id is invalid (`customerId`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Another customer's routine, or a role that may not read it")
    @APIResponse(responseCode = "404", description = "The customer has not answered the questionnaire"
            + " (`urn:skincare:problem:no-profile`): build a guest routine with the preview")
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public Routine forCustomer(@Parameter(description = "The customer: 1 to 64 letters, digits and . _ : -, starting"
                                       + " with a letter or digit", example = "c-42")
                               @PathParam("customerId")
                               @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                               String customerId,
                               @Parameter(description = "The locale of the routine's texts; default: the one the"
                                       + " customer answered in", schema = @Schema(ref = ApiDocument.LOCALE))
                               @QueryParam("locale") String locale) {
        access.requireSelfOr(customerId, STOREFRONT);
        requireCatalogue();
        SkinProfile profile = profiles.find(customerId).orElseThrow(() -> new ProblemException(Problem.of(404,
                "no-profile", "No profile", "customer " + customerId + " has not answered the questionnaire; "
                        + "build a guest routine with POST /api/recommendations/preview")));
        return routines.build(customerId, profile.version(), profile.answers(),
                locale == null || locale.isBlank() ? profile.locale() : locale);
    }

    /** A guest's routine from answers validated exactly as profile-service validates them; nothing is stored. */
    @POST
    @Path("preview")
    @RolesAllowed(STOREFRONT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewRoutine", summary = "A guest's routine",
            description = "Built from answers sent in, validated exactly as profile-service validates them; nothing is"
                    + " stored.",
            extensions = @Extension(name = ApiDocument.ROLES, value = "[\"storefront\"]", parseValue = true))
    @APIResponse(responseCode = "200", description = "The routine, without `customerId` and `profileVersion`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Routine.class)))
    @APIResponse(responseCode = "400", description = "An answer or the envelope is invalid; each violation names its"
            + " field (`answers.skinType`, `questionnaireVersion`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the `storefront` role")
    @APIResponse(responseCode = "413", description = "The body is over its limit (16 KiB)")
    @APIResponse(responseCode = "415", description = "The body is not `application/json`")
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public Routine preview(@Parameter(description = "The locale of the routine's texts",
                                   schema = @Schema(ref = ApiDocument.LOCALE))
                           @QueryParam("locale") String locale,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = PreviewRequest.class),
                                   examples = @ExampleObject(name = "guest", value = PREVIEW_EXAMPLE)))
                           @BodyLimit("preview") @NotNull @Valid PreviewRequest body) {
        requireCatalogue();
        Questionnaire questionnaire = body.questionnaireVersion() == null ? Questionnaires.current()
                : Questionnaires.version(body.questionnaireVersion()).orElseThrow(() -> ProblemException.invalid(
                "questionnaireVersion", "is not a published version; the current one is " + Questionnaires.current().version()));
        AnswersValidator.Result result = AnswersValidator.validate(questionnaire, body.answers());
        if (!result.valid()) {
            throw ProblemException.invalid(result.violations());
        }
        return routines.build(null, null, result.answers(), locale);
    }

    /** Until the table has caught up a routine would be built from half a catalogue: better to say so. */
    private void requireCatalogue() {
        if (!catalog.caughtUp()) {
            throw new ProblemException(Problem.of(503, "catalogue-loading", "Service unavailable",
                    "the catalogue is still loading; retry in a few seconds"));
        }
    }
}
