package com.skincareshop.profile.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.platform.openapi.ApiDocument;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PUT /api/profiles/{customerId}}. {@code answers} stays a JSON tree here: it is validated
 * against the questionnaire version it claims, not against a fixed Java type. The document describes it as the
 * current version's {@link Answers} (built from the questionnaire's data by ApiDocumentFilter).
 */
@Schema(additionalProperties = Schema.False.class)
public record ProfileRequest(
        @Schema(description = "The questionnaire version answered; a published one", minimum = "1", examples = "1")
        @NotNull
        Integer questionnaireVersion,

        @Schema(ref = ApiDocument.LOCALE, description = "The locale the customer answered in; their routine's default")
        @Size(max = 35)
        String locale,

        @Schema(implementation = Answers.class, required = true) @NotNull
        JsonNode answers) {}
