package com.skincareshop.recommendation.api;

import static com.skincareshop.platform.security.CustomerAccess.STOREFRONT;
import static com.skincareshop.recommendation.api.RoutineOperations.*;

import com.fasterxml.jackson.annotation.JsonView;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.platform.http.BodyLimit;
import com.skincareshop.platform.openapi.ApiDocument;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutineViews;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.core.Response;
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

/**
 * The storefront's routines, second version: every field of the first, plus what a routine page renders: product
 * facts (brand, format, size, image, page), headings in the customer's language, what each step addresses and when
 * results show, up to two alternatives per step, warnings with severity, facts and the steps they concern, the cart
 * and the slots left empty. Same access rules and errors as the first.
 */
@Path("/api/v2/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations", description = "Routines built from the live catalogue and a customer's answers")
@SecurityRequirement(name = ApiDocument.BEARER)
public class RecommendationV2Resource {

    private final RoutineRequests requests;

    public RecommendationV2Resource(RoutineRequests requests) {
        this.requests = requests;
    }

    @GET
    @Path("{customerId}")
    @Authenticated
    @JsonView(RoutineViews.V2.class)
    @Operation(
            operationId = "getRoutinePage",
            summary = "A customer's routine, as a routine page renders it",
            description = CUSTOMER_DESCRIPTION,
            extensions = @Extension(name = ApiDocument.ROLES, value = CUSTOMER_ROLES, parseValue = true))
    @APIResponse(
            responseCode = "200",
            description = "The routine (second version)",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Routine.class)))
    @APIResponse(responseCode = "400", description = "The customer id is invalid (`customerId`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public Uni<Response> forCustomer(
            @Parameter(description = CUSTOMER_ID, example = "c-42")
                    @PathParam("customerId")
                    @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                    String customerId,
            @Parameter(description = LOCALE, schema = @Schema(ref = ApiDocument.LOCALE)) @QueryParam("locale")
                    String locale) {
        // the routine's JSON as held (RoutineCache), in this version's view; on the event loop when it is held
        return requests.forCustomer(customerId, locale, RoutineEngine.Detail.FULL, RoutineViews.V2.class)
                .map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @POST
    @Path("preview")
    @RolesAllowed(STOREFRONT)
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonView(RoutineViews.V2.class)
    @Operation(
            operationId = "previewRoutinePage",
            summary = "A guest's routine, as a routine page renders it",
            description = PREVIEW_DESCRIPTION,
            extensions = @Extension(name = ApiDocument.ROLES, value = PREVIEW_ROLES, parseValue = true))
    @APIResponse(
            responseCode = "200",
            description = "The routine (second version), without `customerId` and `profileVersion`",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Routine.class)))
    @APIResponse(responseCode = "400", description = INVALID_ANSWERS)
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the `storefront` role")
    @APIResponse(responseCode = "413", description = "The body is over its limit (16 KiB)")
    @APIResponse(responseCode = "415", description = "The body is not `application/json`")
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public Routine preview(
            @Parameter(description = LOCALE, schema = @Schema(ref = ApiDocument.LOCALE)) @QueryParam("locale")
                    String locale,
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = PreviewRequest.class),
                                            examples = @ExampleObject(name = "guest", value = PREVIEW_EXAMPLE)))
                    @BodyLimit("preview")
                    @NotNull
                    @Valid
                    PreviewRequest body) {
        return requests.preview(locale, body, RoutineEngine.Detail.FULL);
    }
}
