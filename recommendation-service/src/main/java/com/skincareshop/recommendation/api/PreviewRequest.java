package com.skincareshop.recommendation.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.skincareshop.contracts.profile.Answers;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A guest's answers; validated against {@code questionnaireVersion} (default: the current questionnaire). The
 * document describes {@code answers} as the current version's {@link Answers} (built from the questionnaire's data
 * by ApiDocumentFilter); here it stays a JSON tree, validated against the version it claims.
 */
@Schema(additionalProperties = Schema.False.class)
public record PreviewRequest(
        @Schema(
                description = "The questionnaire version answered; default: the current one",
                minimum = "1",
                examples = "1")
        Integer questionnaireVersion,

        @Schema(implementation = Answers.class, required = true) @NotNull
        JsonNode answers) {}
