package com.skincareshop.profile.api;

import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.platform.openapi.ApiDocument;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public: guests answer it too (the recommendation preview). */
@Path("/api/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questionnaire", description = "The skin questionnaire, versioned, in en, tl and lv")
public class QuestionnaireResource {

    /** The current questionnaire; an unknown locale falls back to English. */
    @GET
    @PermitAll
    @Operation(
            operationId = "getQuestionnaire",
            summary = "The current questionnaire",
            description = "Its version, questions, options, limits and `showIf` conditions, every text in the locale."
                    + " Public: guests answer it too.")
    @APIResponse(
            responseCode = "200",
            description = "The questionnaire",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = QuestionnaireView.class)))
    public QuestionnaireView current(
            @Parameter(description = "The locale of every text", schema = @Schema(ref = ApiDocument.LOCALE))
                    @QueryParam("locale")
                    String locale) {
        return QuestionnaireView.of(Questionnaires.current(), locale);
    }
}
