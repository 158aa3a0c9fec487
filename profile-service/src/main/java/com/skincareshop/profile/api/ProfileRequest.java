package com.skincareshop.profile.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/profiles/{customerId}}. {@code answers} stays a JSON tree here: it is validated
 * against the questionnaire version it claims, not against a fixed Java type.
 */
public record ProfileRequest(@NotNull Integer questionnaireVersion, @Size(max = 35) String locale,
                             @NotNull JsonNode answers) {
}
