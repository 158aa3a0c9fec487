package com.skincareshop.recommendation.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;

/** A guest's answers; validated against {@code questionnaireVersion} (default: the current questionnaire). */
public record PreviewRequest(Integer questionnaireVersion, @NotNull JsonNode answers) {
}
