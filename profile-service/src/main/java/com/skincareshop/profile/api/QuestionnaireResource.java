package com.skincareshop.profile.api;

import com.skincareshop.contracts.profile.Questionnaires;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Public: guests answer it too (the recommendation preview). */
@Path("/api/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionnaireResource {

    /** The current questionnaire; an unknown locale falls back to English. */
    @GET
    @PermitAll
    public QuestionnaireView current(@QueryParam("locale") String locale) {
        return QuestionnaireView.of(Questionnaires.current(), locale);
    }
}
