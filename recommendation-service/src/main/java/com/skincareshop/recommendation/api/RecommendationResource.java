package com.skincareshop.recommendation.api;

import com.fasterxml.jackson.annotation.JsonView;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.platform.http.BodyLimit;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutineViews;
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

import static com.skincareshop.platform.security.CustomerAccess.STOREFRONT;

/**
 * The storefront's routines, first version: steps with sku, name, price and version, warnings as code and message.
 * The second version ({@link RecommendationV2Resource}) adds what a routine page renders.
 */
@Path("/api/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RoutineRequests requests;

    public RecommendationResource(RoutineRequests requests) {
        this.requests = requests;
    }

    /** The customer themself or the storefront. {@code locale} defaults to the one the customer answered in. */
    @GET
    @Path("{customerId}")
    @Authenticated
    @JsonView(RoutineViews.V1.class)
    public Routine forCustomer(@PathParam("customerId")
                               @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                               String customerId,
                               @QueryParam("locale") String locale) {
        return requests.forCustomer(customerId, locale, RoutineEngine.Detail.ESSENTIAL);
    }

    /** A guest's routine from answers validated exactly as profile-service validates them; nothing is stored. */
    @POST
    @Path("preview")
    @RolesAllowed(STOREFRONT)
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonView(RoutineViews.V1.class)
    public Routine preview(@QueryParam("locale") String locale,
                           @BodyLimit("preview") @NotNull @Valid PreviewRequest body) {
        return requests.preview(locale, body, RoutineEngine.Detail.ESSENTIAL);
    }
}
