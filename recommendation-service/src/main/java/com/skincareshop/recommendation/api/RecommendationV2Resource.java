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
 * The storefront's routines, second version: every field of the first, plus what a routine page renders: product
 * facts (brand, format, size, image, page), headings in the customer's language, what each step addresses and when
 * results show, up to two alternatives per step, warnings with severity, facts and the steps they concern, the cart
 * and the slots left empty. Same access rules and errors as the first.
 */
@Path("/api/v2/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationV2Resource {

    private final RoutineRequests requests;

    public RecommendationV2Resource(RoutineRequests requests) {
        this.requests = requests;
    }

    @GET
    @Path("{customerId}")
    @Authenticated
    @JsonView(RoutineViews.V2.class)
    public Routine forCustomer(@PathParam("customerId")
                               @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE)
                               String customerId,
                               @QueryParam("locale") String locale) {
        return requests.forCustomer(customerId, locale, RoutineEngine.Detail.FULL);
    }

    @POST
    @Path("preview")
    @RolesAllowed(STOREFRONT)
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonView(RoutineViews.V2.class)
    public Routine preview(@QueryParam("locale") String locale,
                           @BodyLimit("preview") @NotNull @Valid PreviewRequest body) {
        return requests.preview(locale, body, RoutineEngine.Detail.FULL);
    }
}
